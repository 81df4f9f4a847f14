package dev.retort.schema.op;

/** Renames a column. */
public record RenameColumn(String table, String from, String to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new RenameColumn(table, to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

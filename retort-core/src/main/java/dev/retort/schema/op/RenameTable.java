package dev.retort.schema.op;

/** Renames a table. */
public record RenameTable(String from, String to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new RenameTable(to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

/** Sets or removes (null) the comment of a table. */
public record SetTableComment(String table, String from, String to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new SetTableComment(table, to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.Column;

/** Drops a column; carries its full definition so that the inverse can re-add it (empty). */
public record DropColumn(String table, Column column) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AddColumn(table, column);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.Column;

/** Adds a column to a table. */
public record AddColumn(String table, Column column) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropColumn(table, column);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.PrimaryKey;

/** Adds a primary key to a table that has none. */
public record AddPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropPrimaryKey(table, primaryKey);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

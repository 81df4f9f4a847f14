package dev.retort.schema.op;

import dev.retort.schema.PrimaryKey;

/** Drops the primary key of a table. */
public record DropPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AddPrimaryKey(table, primaryKey);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.ForeignKey;

/** Adds a foreign key to a table. */
public record AddForeignKey(String table, ForeignKey foreignKey) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropForeignKey(table, foreignKey);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

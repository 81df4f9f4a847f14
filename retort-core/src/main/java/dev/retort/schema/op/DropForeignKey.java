package dev.retort.schema.op;

import dev.retort.schema.ForeignKey;

/** Drops a foreign key from a table; carries its definition for the inverse. */
public record DropForeignKey(String table, ForeignKey foreignKey) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AddForeignKey(table, foreignKey);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.UniqueConstraint;

/** Adds a UNIQUE constraint to a table. */
public record AddUnique(String table, UniqueConstraint unique) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropUnique(table, unique);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

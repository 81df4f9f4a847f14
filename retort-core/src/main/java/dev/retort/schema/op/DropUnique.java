package dev.retort.schema.op;

import dev.retort.schema.UniqueConstraint;

/** Drops a UNIQUE constraint from a table; carries its definition for the inverse. */
public record DropUnique(String table, UniqueConstraint unique) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AddUnique(table, unique);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

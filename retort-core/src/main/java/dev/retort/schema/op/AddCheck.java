package dev.retort.schema.op;

import dev.retort.schema.CheckConstraint;

/** Adds a CHECK constraint to a table. */
public record AddCheck(String table, CheckConstraint check) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropCheck(table, check);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

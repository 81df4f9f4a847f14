package dev.retort.schema.op;

import dev.retort.schema.CheckConstraint;

/** Drops a CHECK constraint from a table; carries its definition for the inverse. */
public record DropCheck(String table, CheckConstraint check) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AddCheck(table, check);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

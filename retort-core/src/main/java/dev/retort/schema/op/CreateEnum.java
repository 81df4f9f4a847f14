package dev.retort.schema.op;

import dev.retort.schema.EnumType;

/** Creates a PostgreSQL enum type. */
public record CreateEnum(EnumType type) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropEnum(type);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

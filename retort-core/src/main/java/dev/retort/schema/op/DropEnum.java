package dev.retort.schema.op;

import dev.retort.schema.EnumType;

/** Drops a PostgreSQL enum type (which fails while a column uses it). */
public record DropEnum(EnumType type) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateEnum(type);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

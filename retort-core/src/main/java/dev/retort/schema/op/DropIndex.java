package dev.retort.schema.op;

import dev.retort.schema.Index;

/** Drops an index; carries its definition for the inverse. */
public record DropIndex(String table, Index index) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateIndex(table, index);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

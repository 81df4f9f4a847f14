package dev.retort.schema.op;

import dev.retort.schema.Index;

/** Creates an index on a table (or a materialized view). */
public record CreateIndex(String table, Index index) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropIndex(table, index);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

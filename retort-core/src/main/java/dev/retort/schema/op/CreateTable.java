package dev.retort.schema.op;

import dev.retort.schema.Table;

/** Creates a table with its columns, constraints, indexes, triggers and comments. */
public record CreateTable(Table table) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropTable(table);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

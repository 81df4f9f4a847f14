package dev.retort.schema.op;

import dev.retort.schema.Table;

/** Drops a table; carries its full definition so that the inverse can recreate it (empty). */
public record DropTable(Table table) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateTable(table);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}

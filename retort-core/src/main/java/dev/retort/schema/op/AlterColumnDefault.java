package dev.retort.schema.op;

import dev.retort.schema.Column;

/** Sets or drops the default of a column. Carries the whole column before and after. */
public record AlterColumnDefault(String table, Column from, Column to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AlterColumnDefault(table, to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

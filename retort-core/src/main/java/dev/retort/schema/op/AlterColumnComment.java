package dev.retort.schema.op;

import dev.retort.schema.Column;

/** Sets or removes the comment of a column. Carries the whole column before and after. */
public record AlterColumnComment(String table, Column from, Column to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AlterColumnComment(table, to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}

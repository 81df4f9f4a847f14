package dev.retort.schema.op;

import dev.retort.schema.Column;

/**
 * Makes a column nullable or NOT NULL. Carries the whole column before and after (see {@link
 * AlterColumnType}).
 */
public record AlterColumnNullability(String table, Column from, Column to)
    implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AlterColumnNullability(table, to, from);
  }

  /** Adding NOT NULL fails on existing NULLs rather than losing them. */
  @Override
  public boolean destructive() {
    return false;
  }
}

package dev.retort.schema.op;

import dev.retort.schema.Column;

/**
 * Changes the type (and with it the collation) of a column. Carries the whole column before and
 * after: MySQL's MODIFY COLUMN restates the full definition, and the inverse needs the old type.
 *
 * @param using a PostgreSQL USING expression that converts existing values, or null
 */
public record AlterColumnType(String table, Column from, Column to, String using)
    implements SchemaOperation {
  public AlterColumnType(String table, Column from, Column to) {
    this(table, from, to, null);
  }

  @Override
  public SchemaOperation inverse() {
    return new AlterColumnType(table, to, from, null);
  }

  /** True unless the new type visibly holds every value of the old one. */
  @Override
  public boolean destructive() {
    return !TypeWidening.isWidening(from.type(), to.type());
  }
}

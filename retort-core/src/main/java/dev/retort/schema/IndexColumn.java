package dev.retort.schema;

/**
 * One key of an index: a column or an expression.
 *
 * @param column the column name, or null for an expression key
 * @param expression the expression text, or null for a column key
 * @param descending whether the key sorts descending
 * @param opclass a non-default PostgreSQL operator class, or null
 * @param prefixLength a MySQL key prefix length, or null for the whole value
 */
public record IndexColumn(
    String column, String expression, boolean descending, String opclass, Integer prefixLength) {
  public IndexColumn {
    if ((column == null) == (expression == null)) {
      throw new IllegalArgumentException("an index key is either a column or an expression");
    }
  }

  /** An ascending column key. */
  public static IndexColumn of(String column) {
    return new IndexColumn(column, null, false, null, null);
  }

  /** An ascending expression key. */
  public static IndexColumn expression(String expression) {
    return new IndexColumn(null, expression, false, null, null);
  }

  /** This key sorting descending. */
  public IndexColumn desc() {
    return new IndexColumn(column, expression, true, opclass, prefixLength);
  }
}

package dev.retort.schema;

/**
 * Storage options of a table that change what it is, per database.
 *
 * @param strict SQLite {@code STRICT} (3.37+): types are enforced
 * @param withoutRowid SQLite {@code WITHOUT ROWID}: the table is clustered on its primary key
 * @param partitionBy PostgreSQL partitioned table: the key as {@code pg_get_partkeydef} reports it
 *     ({@code RANGE (payment_date)}), or null
 * @param partitionOf PostgreSQL partition: the parent table, or null
 * @param partitionBound PostgreSQL partition: the bound ({@code FOR VALUES FROM (...) TO (...)}),
 *     or null
 * @param engine MySQL storage engine ({@code InnoDB}), or null
 * @param collation MySQL table default collation, or null
 */
public record TableOptions(
    boolean strict,
    boolean withoutRowid,
    String partitionBy,
    String partitionOf,
    String partitionBound,
    String engine,
    String collation) {
  /** No options: the database defaults. */
  public static final TableOptions NONE =
      new TableOptions(false, false, null, null, null, null, null);
}

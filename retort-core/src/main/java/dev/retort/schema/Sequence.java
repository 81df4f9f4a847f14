package dev.retort.schema;

import java.util.Comparator;

/**
 * A PostgreSQL sequence that is not the internal sequence of an identity column.
 *
 * @param name the sequence name
 * @param dataType {@code smallint}, {@code integer} or {@code bigint}
 * @param start the start value
 * @param increment the increment
 * @param minValue the minimum value
 * @param maxValue the maximum value
 * @param cache how many values a session preallocates
 * @param cycle whether it wraps around
 * @param ownedByTable the table of the column that owns it (as for {@code serial}), or null
 * @param ownedByColumn the column that owns it, or null
 */
public record Sequence(
    String name,
    String dataType,
    long start,
    long increment,
    long minValue,
    long maxValue,
    long cache,
    boolean cycle,
    String ownedByTable,
    String ownedByColumn) {
  static final Comparator<Sequence> ORDER = Comparator.comparing(Sequence::name);

  /** A bigint sequence with PostgreSQL's defaults. */
  public static Sequence of(String name) {
    return new Sequence(name, "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null, null);
  }

  /** The same sequence owned by another column, or by none (nulls). */
  public Sequence withOwner(String table, String column) {
    return new Sequence(
        name, dataType, start, increment, minValue, maxValue, cache, cycle, table, column);
  }
}

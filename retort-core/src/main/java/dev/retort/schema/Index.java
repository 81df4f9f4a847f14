package dev.retort.schema;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An index that is not the implementation of a PRIMARY KEY or UNIQUE constraint.
 *
 * @param name the index name
 * @param unique whether it is a unique index
 * @param columns the keys in index order (order matters for a diff)
 * @param where the predicate of a partial index, or null
 * @param method the access method where it is not the default one (PostgreSQL {@code gist}, MySQL
 *     {@code FULLTEXT}), or null
 */
public record Index(
    String name, boolean unique, List<IndexColumn> columns, String where, String method) {
  static final Comparator<Index> ORDER = Comparator.comparing(Index::name);

  public Index {
    columns = Lists.copy(columns);
  }

  /** A plain (non-unique, total, default method) index on the given columns. */
  public static Index on(String name, String... columns) {
    return new Index(name, false, Arrays.stream(columns).map(IndexColumn::of).toList(), null, null);
  }

  /** The same index, unique. */
  public Index asUnique() {
    return new Index(name, true, columns, where, method);
  }

  /** The same index, partial. */
  public Index where(String predicate) {
    return new Index(name, unique, columns, predicate, method);
  }
}

package dev.retort.schema;

import java.util.List;

/**
 * A primary key.
 *
 * @param name the constraint name, or null where the database keeps none (SQLite without {@code
 *     CONSTRAINT name}); diffs compare primary keys by columns only
 * @param columns the key columns in key order
 */
public record PrimaryKey(String name, List<String> columns) {
  public PrimaryKey {
    columns = Lists.copy(columns);
  }
}

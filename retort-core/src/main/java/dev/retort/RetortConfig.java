package dev.retort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated, immutable configuration of a {@link Retort}. Built by {@link RetortBuilder}.
 *
 * @param locations folders ({@code /path}, {@code filesystem:/path}) and {@code classpath:} folders
 *     holding SQL migrations
 * @param javaMigrations Java migrations registered explicitly or through ServiceLoader
 * @param historyTable the history table's name
 * @param schema the schema of the history table and migrations' search path, or null
 * @param lockWait how long to wait for another process's migration lock
 * @param ddlLockTimeout lock_timeout for each DDL statement, or null for the database default
 * @param statementTimeout statement timeout, or null for the database default
 * @param commitGroup how long consecutive migrations may share a transaction before it commits
 *     (zero: a transaction each), or null for the database's default: 100 ms on SQLite, zero
 *     elsewhere ({@link dev.retort.dialect.Dialect#commitGroupWindow()})
 * @param sourceCache a folder where summaries of the migration files are kept between processes, so
 *     that a no-op upgrade in a new JVM need not parse every file; null for none
 */
public record RetortConfig(
    List<String> locations,
    List<JavaMigration> javaMigrations,
    String historyTable,
    String schema,
    Duration lockWait,
    Duration ddlLockTimeout,
    Duration statementTimeout,
    Duration commitGroup,
    Path sourceCache) {

  public RetortConfig {
    locations = List.copyOf(locations);
    javaMigrations = List.copyOf(javaMigrations);
  }
}

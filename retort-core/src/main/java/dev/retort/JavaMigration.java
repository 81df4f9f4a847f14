package dev.retort;

import java.sql.Connection;
import java.util.List;

/**
 * A migration written in Java, for data transformations that SQL says badly. Register instances
 * with {@link RetortBuilder#javaMigrations} or list their classes in {@code
 * META-INF/services/dev.retort.JavaMigration} and call {@link RetortBuilder#serviceLoader}. Retort
 * never scans the classpath.
 *
 * <p>Both methods get a connection whose transaction Retort owns: do not commit, roll back or close
 * it. The history row is written on the same connection in the same transaction.
 */
public interface JavaMigration {
  /** The revision id, unique among all migrations. */
  String id();

  /** The parent revisions; empty for a first migration, several for a merge. */
  List<String> parents();

  /** One line saying what the migration does. */
  default String description() {
    return getClass().getSimpleName();
  }

  /** False for work that cannot run inside a transaction. */
  default boolean transactional() {
    return true;
  }

  /**
   * The version of this migration's logic, part of its checksum: change it when an applied
   * migration's behaviour changes on purpose, so that {@code validate} reports the edit.
   */
  default String checksumSource() {
    return getClass().getName();
  }

  void up(Connection connection) throws Exception;

  /**
   * What Retort calls to apply the migration: {@link #up(Connection)} unless overridden by a
   * migration that reports progress through the context.
   */
  default void up(Connection connection, MigrationContext context) throws Exception {
    up(connection);
  }

  /** Whether {@link #down} is implemented. */
  default boolean hasDown() {
    return false;
  }

  default void down(Connection connection) throws Exception {
    throw new UnsupportedOperationException(
        "Java migration " + id() + " has no down(); it cannot be reverted");
  }

  /** What Retort calls to revert the migration: {@link #down(Connection)} unless overridden. */
  default void down(Connection connection, MigrationContext context) throws Exception {
    down(connection);
  }
}

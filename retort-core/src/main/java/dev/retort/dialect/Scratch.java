package dev.retort.dialect;

import dev.retort.ConnectionSource;

/**
 * A throwaway place to replay migrations into, so that their schema can be compared with a live one
 * (drift checks, diffs): a schema on PostgreSQL, a database on MySQL, a temporary file on SQLite.
 * Closing it drops everything it created.
 */
public interface Scratch extends AutoCloseable {
  /** Connections that see the scratch space as their default schema. */
  ConnectionSource source();

  /** The scratch schema (PostgreSQL) or database (MySQL); null on SQLite. */
  String schema();

  @Override
  void close();
}

package dev.retort.dialect;

import java.time.Duration;

/**
 * What a migration connection is set up with before the first statement runs.
 *
 * @param schema the schema for the history table and the migrations' search path (PostgreSQL); null
 *     for the connection's default
 * @param lockTimeout how long one DDL statement may wait for a table lock before it fails, so an
 *     ALTER queued behind a long transaction does not block the application; null for the database
 *     default
 * @param statementTimeout how long one statement may run; null for the database default
 */
public record SessionSettings(String schema, Duration lockTimeout, Duration statementTimeout) {
  public static final SessionSettings DEFAULT = new SessionSettings(null, null, null);
}

package dev.retort;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where Retort gets its connections: the application's {@link javax.sql.DataSource} or a JDBC URL.
 * Each call opens a new connection that the caller closes; the migration lock is held on a
 * connection of its own so that migrations that run outside a transaction never wait on it.
 */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}

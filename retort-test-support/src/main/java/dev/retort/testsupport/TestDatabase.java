package dev.retort.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One fresh, empty database that belongs to a single test. Obtain it from {@link TestDatabases} in
 * a try-with-resources block (or a field closed in {@code @AfterEach}); {@link #close()} drops it.
 */
public interface TestDatabase extends AutoCloseable {

  /** {@code "sqlite"}, {@code "postgresql"} or {@code "mariadb"}. */
  String kind();

  /**
   * JDBC URL of this test's own database. It may carry credentials taken from the configured server
   * URL, so never print it.
   */
  String jdbcUrl();

  /** User to connect as; {@code null} for SQLite. */
  String user();

  /** Password for {@link #user()}; {@code null} when none is needed. */
  String password();

  /** Opens a new connection to this database; the caller closes it. */
  Connection connect() throws SQLException;

  /** A data source that opens connections like {@link #connect()}. */
  DataSource dataSource();

  /**
   * Name of the database created for this test ({@code retort_} + 10 random characters) on
   * PostgreSQL and MariaDB; {@code "main"} for SQLite, whose file is the whole database.
   */
  String schemaOrDatabaseName();

  /**
   * Drops the database (server kinds; connections still open to it are terminated first) or deletes
   * the SQLite file. Calling it again does nothing.
   */
  @Override
  void close();
}

package dev.retort.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL or MariaDB server where tests may create and drop databases.
 *
 * @param kind {@code postgresql} or {@code mariadb}
 * @param adminUrl URL of a database to connect to for CREATE/DROP DATABASE
 * @param user user with the right to create databases
 * @param password its password, or {@code null}
 * @param description for the summary, e.g. {@code embedded 14.15}; never contains credentials
 */
record Server(String kind, String adminUrl, String user, String password, String description) {

  Connection admin() throws SQLException {
    return new DriverManagerDataSource(adminUrl, user, password).getConnection();
  }

  /** URL of database {@code name} on this server. */
  String databaseUrl(String name) {
    return JdbcUrls.withDatabase(adminUrl, name);
  }

  @Override
  public String toString() {
    return kind + " " + description;
  }
}

package dev.retort.lock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** A database server of the test machine, or a skipped test when it cannot be reached. */
record TestServer(String url, String user, String password) {

  static TestServer postgres() {
    return reachable(
        "PostgreSQL",
        new TestServer(
            env("RETORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            "postgres",
            ""));
  }

  static TestServer mariadb() {
    return reachable(
        "MariaDB",
        new TestServer(
            env("RETORT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"), "root", ""));
  }

  Connection open() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** A name no other test or helper uses at the same time. */
  static String randomName() {
    return "retort_lock_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  private static TestServer reachable(String product, TestServer server) {
    try (Connection c = server.open()) {
      return server;
    } catch (SQLException e) {
      Assumptions.abort(product + " not tested: " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

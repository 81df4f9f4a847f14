package dev.retort.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fresh databases for Retort's tests, one per call, each to be closed (dropped) by the test.
 *
 * <p>PostgreSQL comes from {@code RETORT_TEST_POSTGRES_URL} (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}; user and password may also be given in
 * {@code RETORT_TEST_POSTGRES_USER} / {@code _PASSWORD}), else from one embedded PostgreSQL per
 * JVM. MariaDB likewise from {@code RETORT_TEST_MARIADB_URL} (e.g. {@code
 * jdbc:mariadb://127.0.0.1:3306/?user=root}) or one embedded MariaDB. A configured server that
 * cannot be used fails the tests; when nothing can be had they are skipped with "PostgreSQL not
 * tested: reason" / "MariaDB not tested: reason", and a summary at the end of the run says so.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** A new SQLite database file in {@code dir} (typically a {@code @TempDir}). */
  public static TestDatabase sqlite(Path dir) {
    return new SqliteDatabase(dir);
  }

  /**
   * A new PostgreSQL database.
   *
   * @throws org.opentest4j.TestAbortedException when no PostgreSQL server can be had
   */
  public static TestDatabase postgres() {
    return ServerDatabase.create(PostgresServers.availability().require());
  }

  /**
   * A new MariaDB database.
   *
   * @throws org.opentest4j.TestAbortedException when no MariaDB server can be had
   */
  public static TestDatabase mariadb() {
    return ServerDatabase.create(MariaDbServers.availability().require());
  }

  /**
   * A new database of {@code kind}: {@code "sqlite"} (a file in {@code dir}), {@code "postgresql"}
   * or {@code "mariadb"} ({@code dir} unused, may be null).
   */
  public static TestDatabase create(String kind, Path dir) {
    switch (kind) {
      case "sqlite":
        return sqlite(dir);
      case "postgresql":
        return postgres();
      case "mariadb":
        return mariadb();
      default:
        throw new IllegalArgumentException(
            "unknown database kind '" + kind + "', expected one of " + Reports.KINDS);
    }
  }

  /**
   * The kinds this machine offers, for parameterized tests: always {@code sqlite}; a server kind
   * when it is configured (even if broken, so its tests fail) or its embedded server started.
   */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>(List.of("sqlite"));
    if (PostgresServers.availability().offered()) {
      kinds.add("postgresql");
    }
    if (MariaDbServers.availability().offered()) {
      kinds.add("mariadb");
    }
    return List.copyOf(kinds);
  }
}

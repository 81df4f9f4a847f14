package dev.retort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against real servers. Deliberately over all server kinds, not {@link TestDatabases#kinds()}, so
 * that a kind this machine lacks shows up as skipped tests.
 */
class ServerDatabaseTest {
  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void createsAFreshDatabaseThatTheUrlPointsAt(String kind) throws SQLException {
    try (TestDatabase db = open(kind)) {
      assertThat(db.kind()).isEqualTo(kind);
      assertThat(db.schemaOrDatabaseName()).matches("retort_[a-z0-9]{10}");
      assertThat(db.jdbcUrl()).contains(db.schemaOrDatabaseName());
      try (Connection connection = db.connect()) {
        assertThat(currentDatabase(connection, kind)).isEqualTo(db.schemaOrDatabaseName());
        assertThat(tableCount(connection, kind, db.schemaOrDatabaseName())).isZero();
      }
      try (Connection connection = db.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        statement.execute("INSERT INTO t VALUES (1, 'Ünïcödé ✓')");
        try (ResultSet rows = statement.executeQuery("SELECT name FROM t")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("Ünïcödé ✓");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void closeDropsTheDatabaseEvenWithAConnectionStillOpen(String kind) throws SQLException {
    try (TestDatabase observer = open(kind);
        Connection observing = observer.connect()) {
      TestDatabase db = open(kind);
      String name = db.schemaOrDatabaseName();
      Connection leaked = db.connect();
      try (Statement statement = leaked.createStatement()) {
        statement.execute("CREATE TABLE t (id INT)");
      }
      leaked.setAutoCommit(false);
      try (Statement statement = leaked.createStatement()) {
        statement.execute("INSERT INTO t VALUES (1)"); // an open transaction holding locks
      }
      assertThat(databaseExists(observing, kind, name)).isTrue();

      db.close();

      assertThat(databaseExists(observing, kind, name)).isFalse();
      db.close(); // a second close does nothing
      try {
        leaked.close();
      } catch (SQLException alreadyTerminated) {
        // the server ended this session to drop the database
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void twoDatabasesAreIsolated(String kind) throws SQLException {
    try (TestDatabase first = open(kind);
        TestDatabase second = open(kind);
        Connection one = first.connect();
        Connection two = second.connect();
        Statement inOne = one.createStatement();
        Statement inTwo = two.createStatement()) {
      assertThat(first.schemaOrDatabaseName()).isNotEqualTo(second.schemaOrDatabaseName());
      inOne.execute("CREATE TABLE only_in_first (id INT)");
      inTwo.execute("CREATE TABLE only_in_second (id INT)");
      assertThat(tableCount(one, kind, first.schemaOrDatabaseName())).isEqualTo(1);
      assertThat(tableCount(two, kind, second.schemaOrDatabaseName())).isEqualTo(1);
      try (ResultSet rows = inTwo.executeQuery("SELECT COUNT(*) FROM only_in_second")) {
        assertThat(rows.next()).isTrue();
      }
    }
  }

  private static TestDatabase open(String kind) {
    return kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb();
  }

  private static String currentDatabase(Connection connection, String kind) throws SQLException {
    String sql = kind.equals("postgresql") ? "SELECT current_database()" : "SELECT DATABASE()";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Tables in the database (PostgreSQL: its public schema) named {@code name}. */
  private static int tableCount(Connection connection, String kind, String name)
      throws SQLException {
    String sql =
        kind.equals("postgresql")
            ? "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_catalog = ? AND table_schema = 'public'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static boolean databaseExists(Connection connection, String kind, String name)
      throws SQLException {
    String sql =
        kind.equals("postgresql")
            ? "SELECT COUNT(*) FROM pg_database WHERE datname = ?"
            : "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1) == 1;
      }
    }
  }
}

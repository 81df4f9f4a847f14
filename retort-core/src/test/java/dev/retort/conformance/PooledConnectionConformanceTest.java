package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application hands Retort its pool: the connection goes back to the pool afterwards, so the
 * timeouts and search path Retort set for its migrations must not stay on it.
 */
class PooledConnectionConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void sessionSettingsDoNotLeakIntoThePool(String kind) throws Exception {
    try (Env env = Env.open(kind, dir);
        Connection pooled = env.connect()) {
      env.write("p1", null, "CREATE TABLE t (id INTEGER);", null);
      List<String> before = settings(kind, pooled);
      Retort retort =
          Retort.configure()
              .dataSource(new OneConnectionPool(pooled))
              .locations(env.folder().toString())
              .schema(kind.equals("postgresql") ? "app" : null)
              .ddlLockTimeout(Duration.ofSeconds(7))
              .statementTimeout(Duration.ofSeconds(70))
              .build();

      retort.upgrade();
      retort.status();

      assertThat(pooled.isClosed()).isFalse();
      assertThat(settings(kind, pooled)).isEqualTo(before);
    }
  }

  @Test
  void aMigrationsSearchPathAndSettingsDoNotLeakIntoThePool() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      // pg_dump output: an empty search_path and other settings, changed for the session.
      env.write(
          "p1",
          null,
          "SELECT pg_catalog.set_config('search_path', '', false);\n"
              + "SET check_function_bodies = false;\n"
              + "SET lock_timeout = 0;\n"
              + "CREATE TABLE public.t (id integer);",
          null);
      // The pool's own initialisation, which must survive.
      execute(pooled, "SET search_path TO public, pg_catalog", "SET TIME ZONE 'Pacific/Auckland'");
      String sql =
          "SELECT current_setting('search_path'), current_setting('check_function_bodies'),"
              + " current_setting('lock_timeout'), current_setting('TimeZone')";
      List<String> before = query(pooled, sql);
      Retort retort =
          Retort.configure()
              .dataSource(new OneConnectionPool(pooled))
              .locations(env.folder().toString())
              .ddlLockTimeout(Duration.ofSeconds(7))
              .build();

      retort.upgrade();

      assertThat(retort.current()).containsExactly("p1");
      assertThat(query(pooled, sql)).isEqualTo(before);
      assertThat(before.get(0)).isEqualTo("public, pg_catalog");
    }
  }

  @Test
  void aMigrationsUseOfAnotherDatabaseDoesNotLeakIntoThePool() throws Exception {
    String other = "retort_other_" + Long.toString(System.nanoTime(), 36);
    try (Env env = Env.open("mariadb", dir);
        Connection pooled = env.connect()) {
      execute(pooled, "CREATE DATABASE `" + other + "`");
      try {
        env.write(
            "m1",
            null,
            "CREATE TABLE t (id INT);\nUSE `" + other + "`;\nSET FOREIGN_KEY_CHECKS = 0;",
            null);
        String sql = "SELECT DATABASE(), @@SESSION.foreign_key_checks";
        List<String> before = query(pooled, sql);
        Retort retort =
            Retort.configure()
                .dataSource(new OneConnectionPool(pooled))
                .locations(env.folder().toString())
                .build();

        retort.upgrade();

        assertThat(retort.current()).containsExactly("m1");
        assertThat(query(pooled, sql)).isEqualTo(before);
        assertThat(before).containsExactly(env.db().schemaOrDatabaseName(), "1");
        assertThat(pooled.getCatalog()).isEqualTo(env.db().schemaOrDatabaseName());
      } finally {
        execute(pooled, "DROP DATABASE IF EXISTS `" + other + "`");
      }
    }
  }

  @Test
  void theSqliteBusyTimeoutGoesBackToThePools() throws Exception {
    try (Env env = Env.open("sqlite", dir);
        Connection pooled = env.connect()) {
      env.write("s1", null, "CREATE TABLE t (id INTEGER);", null);
      execute(pooled, "PRAGMA busy_timeout = 1234");
      Retort retort =
          Retort.configure()
              .dataSource(new OneConnectionPool(pooled))
              .locations(env.folder().toString())
              .ddlLockTimeout(Duration.ofSeconds(7))
              .build();

      retort.upgrade();

      assertThat(retort.current()).containsExactly("s1");
      assertThat(query(pooled, "PRAGMA busy_timeout")).containsExactly("1234");
    }
  }

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private static List<String> query(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }

  private static List<String> settings(String kind, Connection connection) throws SQLException {
    String sql =
        kind.equals("postgresql")
            ? "SELECT current_setting('search_path'), current_setting('lock_timeout'),"
                + " current_setting('statement_timeout')"
            : "SELECT @@SESSION.lock_wait_timeout, @@SESSION.max_statement_time";
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }
}

package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What only PostgreSQL has: schemas, non-transactional DDL, lock and statement timeouts. */
class PostgresConformanceTest {
  @TempDir Path dir;

  @Test
  void schemaHoldsTheHistoryTableAndUnqualifiedNames() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write(
          "p1",
          null,
          "CREATE TABLE thing (id INTEGER PRIMARY KEY);\n"
              + "CREATE VIEW thing_ids AS SELECT id FROM thing;",
          "DROP VIEW thing_ids;\nDROP TABLE thing;");
      env.write("p2", "p1", "INSERT INTO thing (id) VALUES (1);", "DELETE FROM thing;");
      Retort app = env.builder().schema("app").build();

      assertThat(app.upgrade().current()).containsExactly("p2");

      assertThat(env.tablesIn("app")).containsExactly("thing", "thing_ids");
      assertThat(env.strings("SELECT revision FROM app.retort_history ORDER BY apply_order"))
          .containsExactly("p1", "p2");
      assertThat(env.count("SELECT count(*) FROM app.thing")).isEqualTo(1);
      assertThat(env.tablesIn("public")).isEmpty();
      assertThat(env.hasHistoryTable()).as("history table in public").isFalse();
      assertThat(env.retort().current()).as("Retort without the schema").isEmpty();
      assertThat(app.upgrade().changedNothing()).isTrue();

      app.downgrade("base");

      assertThat(env.tablesIn("app")).isEmpty();
      assertThat(env.strings("SELECT revision FROM app.retort_history")).isEmpty();
    }
  }

  /**
   * A search path whose first schema a migration creates (as "$user" leads the default path): the
   * history table stays where it is, later in the path, and no migration runs twice.
   */
  @ParameterizedTest
  @ValueSource(strings = {"retort_history", "Retort_History"})
  void aSchemaCreatedAheadOnTheSearchPathKeepsTheHistoryWhereItIs(String history) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("s1", null, "CREATE TABLE base_t (id INTEGER);", "DROP TABLE base_t;");
      env.write("s2", "s1", "CREATE SCHEMA app;", "DROP SCHEMA app;");
      assertThat(onPath(env, history).upgrade().current()).containsExactly("s2");
      env.write("s3", "s2", "CREATE TABLE later_t (id INTEGER);", "DROP TABLE later_t;");

      assertThat(onPath(env, history).upgrade().current()).containsExactly("s3");

      String table = "public.\"" + history + "\"";
      assertThat(env.strings("SELECT revision FROM " + table + " ORDER BY apply_order"))
          .containsExactly("s1", "s2", "s3");
      assertThat(env.tablesIn("app")).containsExactly("later_t");
      assertThat(env.tablesIn("public")).contains("base_t").doesNotContain("later_t");
      assertThat(onPath(env, history).upgrade().changedNothing()).isTrue();
      onPath(env, history).downgrade("s1");
      assertThat(env.strings("SELECT revision FROM " + table)).containsExactly("s1");
      assertThat(env.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'")).isZero();
    }
  }

  /**
   * Another application's history table on the path, one this user may not read: this application's
   * history goes to its own current schema, as if the other were not there.
   */
  @Test
  void anotherUsersHistoryOnThePathIsNotTakenForThisOne() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("b1", null, "CREATE TABLE b_thing (id INTEGER);", "DROP TABLE b_thing;");
      env.retort().upgrade(); // application B, as the server's own user: public.retort_history
      String role = "retort_app_" + Long.toHexString(System.nanoTime());
      env.exec("CREATE ROLE " + role + " LOGIN");
      try {
        env.exec("CREATE SCHEMA app AUTHORIZATION " + role);
        String url = env.db().jdbcUrl().replaceFirst("user=[^&]*", "user=" + role);
        assumeTrue(
            canConnect(url), "the test server does not let a new role log in without a password");
        Path other = Files.createDirectories(dir.resolve("a"));
        Files.writeString(
            other.resolve("001_a1.sql"),
            "-- retort:revision a1\n-- retort:up\nCREATE TABLE a_thing (id INTEGER);\n");
        Retort a =
            Retort.configure()
                .url(url + "&currentSchema=app,public", null, null)
                .locations(other.toString())
                .build();

        assertThat(a.upgrade().current()).containsExactly("a1");

        assertThat(env.strings("SELECT revision FROM app.retort_history")).containsExactly("a1");
        assertThat(env.strings("SELECT revision FROM public.retort_history")).containsExactly("b1");
        assertThat(env.tablesIn("app")).containsExactly("a_thing");
        assertThat(a.upgrade().changedNothing()).isTrue();
      } finally {
        env.exec("DROP SCHEMA IF EXISTS app CASCADE");
        env.exec("DROP ROLE " + role);
      }
    }
  }

  private static boolean canConnect(String url) {
    try (Connection c = java.sql.DriverManager.getConnection(url)) {
      return true;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** Retort whose search path puts app (not there yet) before public, as "$user" does. */
  private static Retort onPath(Env env, String history) {
    String url = env.db().jdbcUrl();
    return env.builder()
        .url(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=app,public",
            env.db().user(),
            env.db().password())
        .historyTable(history)
        .build();
  }

  /** CREATE INDEX CONCURRENTLY refuses a transaction block; transaction false runs it. */
  @Test
  void createIndexConcurrentlyRunsWithoutATransaction() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write(
          "c1",
          null,
          "CREATE TABLE event (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL);\n"
              + "INSERT INTO event SELECT g, 'k' || (g % 7) FROM generate_series(1, 1000) g;",
          "DROP TABLE event;");
      Path inTransaction =
          env.write(
              "c2",
              "c1",
              "CREATE INDEX CONCURRENTLY event_kind_idx ON event (kind);",
              "DROP INDEX CONCURRENTLY event_kind_idx;");
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> assertThat(e.getMessage()).contains("cannot run inside a transaction block"));
      Files.delete(inTransaction);
      env.write(
          "c2",
          "c1",
          false,
          "CREATE INDEX CONCURRENTLY event_kind_idx ON event (kind);",
          "DROP INDEX CONCURRENTLY event_kind_idx;");

      assertThat(env.retort().upgrade().current()).containsExactly("c2");

      assertThat(
              env.string(
                  "SELECT i.indisvalid FROM pg_index i"
                      + " WHERE i.indexrelid = 'event_kind_idx'::regclass"))
          .isEqualTo("t");
      env.retort().downgrade("-1");
      assertThat(env.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'event_kind_idx'"))
          .isZero();
    }
  }

  /**
   * The stored down script of a migration marked transaction false runs without a transaction too:
   * after the file is gone (an application rolled back to an older build), DROP INDEX CONCURRENTLY
   * must still work.
   */
  @Test
  void aStoredDownScriptKeepsTransactionFalse() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write(
          "d1", null, "CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT);", "DROP TABLE item;");
      Path file =
          env.write(
              "d2",
              "d1",
              false,
              "CREATE INDEX CONCURRENTLY item_sku_idx ON item (sku);",
              "DROP INDEX CONCURRENTLY item_sku_idx;");
      env.retort().upgrade();
      assertThat(env.string("SELECT down_script FROM retort_history WHERE revision = 'd2'"))
          .startsWith("-- retort:transaction false\n");
      Files.delete(file);

      assertThat(env.retort().sql("-1", true))
          .contains("DROP INDEX CONCURRENTLY item_sku_idx")
          .doesNotContain("BEGIN");
      assertThat(env.retort().downgrade("-1").current()).containsExactly("d1");

      assertThat(env.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'item_sku_idx'"))
          .isZero();
    }
  }

  /**
   * A new enum value cannot be used in the transaction that added it; in a migration marked
   * transaction false each statement commits, so the next one can.
   */
  @Test
  void alterTypeAddValueThenUseItWithoutATransaction() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write(
          "e1",
          null,
          "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
              + "CREATE TABLE person (name VARCHAR(50) PRIMARY KEY, feeling mood NOT NULL);",
          "DROP TABLE person;\nDROP TYPE mood;");
      String up = "ALTER TYPE mood ADD VALUE 'happy';\nINSERT INTO person VALUES ('Ada', 'happy');";
      Path inTransaction = env.write("e2", "e1", up, null);
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("unsafe use of new value");
              });
      assertThat(env.strings("SELECT unnest(enum_range(NULL::mood))::text"))
          .containsExactly("sad", "ok");
      Files.delete(inTransaction);
      env.write("e2", "e1", false, up, null);

      assertThat(env.retort().upgrade().current()).containsExactly("e2");

      assertThat(env.strings("SELECT unnest(enum_range(NULL::mood))::text"))
          .containsExactly("sad", "ok", "happy");
      assertThat(env.string("SELECT feeling::text FROM person")).isEqualTo("happy");
    }
  }

  /**
   * An ALTER TABLE queued behind another session's open transaction would block every query on the
   * table behind it; with a DDL lock timeout it gives up quickly and the migration rolls back.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SELECT count(*) FROM busy", "LOCK TABLE busy IN ACCESS SHARE MODE"})
  void ddlLockTimeoutFailsFastBehindAnOpenTransaction(String holderStatement) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("l1", null, "CREATE TABLE busy (id INTEGER);", null);
      env.retort().upgrade();
      env.write(
          "l2",
          "l1",
          "CREATE TABLE beside (id INTEGER);\nALTER TABLE busy ADD COLUMN note TEXT;",
          null);
      Retort retort = env.builder().ddlLockTimeout(Duration.ofMillis(500)).build();

      try (Connection holder = env.connect();
          Statement st = holder.createStatement()) {
        holder.setAutoCommit(false);
        st.execute(holderStatement);
        long start = System.nanoTime();
        RetortException e =
            assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> assertThrows(RetortException.class, retort::upgrade));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(5_000);
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.getMessage())
            .contains("upgrade of l2 failed")
            .contains("statement 2 of 2")
            .contains("lock timeout")
            .contains("rolled back");
        holder.rollback();
      }
      assertThat(env.tables()).containsExactly("busy");
      assertThat(env.historyRevisions()).containsExactly("l1");
      assertThat(retort.upgrade().current()).containsExactly("l2");
      assertThat(env.columns("busy")).containsExactly("id", "note");
    }
  }

  @Test
  void statementTimeoutFailsALongStatementFast() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("t1", null, "CREATE TABLE slow (id INTEGER);\nSELECT pg_sleep(5);", null);
      Retort retort = env.builder().statementTimeout(Duration.ofMillis(500)).build();

      long start = System.nanoTime();
      assertThatThrownBy(retort::upgrade)
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("statement 2 of 2")
                    .contains("statement timeout");
              });

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
      assertThat(env.tables()).isEmpty();
      assertThat(env.historyRevisions()).isEmpty();
    }
  }
}

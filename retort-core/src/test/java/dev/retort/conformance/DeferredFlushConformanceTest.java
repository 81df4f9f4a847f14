package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the commits of an upgrade's migrations do not wait for the disk; one commit at the
 * end waits for all of them. A trigger on the history table logs every write to it with the
 * session's {@code synchronous_commit} at that moment, so the tests see what the server saw: which
 * commits skipped the wait, and that the last write of the run waited.
 */
class DeferredFlushConformanceTest {
  @TempDir Path dir;

  /** Applies a first migration (which creates the history table) and puts the logger on it. */
  private static void logHistoryWrites(Env env) throws Exception {
    env.write("a1", null, "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
    env.retort().upgrade();
    env.exec(
        "CREATE TABLE history_writes (n SERIAL, what TEXT, setting TEXT)",
        "CREATE FUNCTION log_history_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO history_writes (what, setting) VALUES (TG_OP || ' '"
            + " || COALESCE(NEW.revision, OLD.revision), current_setting('synchronous_commit'));"
            + " RETURN COALESCE(NEW, OLD); END $$",
        "CREATE TRIGGER log_history_write BEFORE INSERT OR UPDATE OR DELETE ON retort_history"
            + " FOR EACH ROW EXECUTE FUNCTION log_history_write()");
  }

  /** Two migrations after a1, each creating a table: b2 and c3. */
  private static void writeTwoMore(Env env) throws Exception {
    env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
    env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", "DROP TABLE three;");
  }

  /** What the trigger logged, in order: "INSERT b2 off", ... */
  private static List<String> historyWrites(Env env) throws SQLException {
    return env.strings("SELECT what || ' ' || setting FROM history_writes ORDER BY n");
  }

  @Test
  void anUpgradesCommitsSkipTheWaitAndItsLastWriteWaits() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      writeTwoMore(env);
      String sessionDefault = env.string("SELECT current_setting('synchronous_commit')");

      env.retort().upgrade();

      assertThat(historyWrites(env))
          .containsExactly("INSERT b2 off", "INSERT c3 off", "UPDATE c3 " + sessionDefault);
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
    }
  }

  @Test
  void aPooledConnectionGetsItsOwnSettingBackBeforeTheLastWrite() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      logHistoryWrites(env);
      writeTwoMore(env);
      execute(pooled, "SET synchronous_commit = remote_write");

      retort(env, pooled).upgrade();

      assertThat(historyWrites(env))
          .containsExactly("INSERT b2 off", "INSERT c3 off", "UPDATE c3 remote_write");
      assertThat(setting(pooled)).isEqualTo("remote_write");
    }
  }

  @Test
  void aSingleMigrationCommitsAsTheSessionSays() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      logHistoryWrites(env);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
      execute(pooled, "SET synchronous_commit = local");

      retort(env, pooled).upgrade();

      assertThat(historyWrites(env)).containsExactly("INSERT b2 local");
    }
  }

  @Test
  void aFailedUpgradeStillEndsWithAWriteThatWaits() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      logHistoryWrites(env);
      writeTwoMore(env);
      env.write("d4", "c3", "CREATE TABLE four (id INTEGER);\nSELECT 1/0;", "DROP TABLE four;");
      execute(pooled, "SET synchronous_commit = local");

      assertThatThrownBy(() -> retort(env, pooled).upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("upgrade of d4 failed")
                    .contains("division by zero")
                    .endsWith("this migration was rolled back, earlier ones stay applied");
                assertThat(e.getSuppressed()).isEmpty();
              });

      // d4's insert rolled back with it, and the trigger's log line with it.
      assertThat(historyWrites(env))
          .containsExactly("INSERT b2 off", "INSERT c3 off", "UPDATE c3 local");
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.tables()).doesNotContain("four");
      assertThat(setting(pooled)).isEqualTo("local");
    }
  }

  @Test
  void aFailureThatTakesTheConnectionSaysTheEarlierMigrationsMayNotBeOnDisk() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
      env.write("c3", "b2", "SELECT pg_terminate_backend(pg_backend_pid());", null);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("upgrade of c3 failed")
                    .contains("this migration was rolled back, earlier ones stay applied")
                    .contains(
                        "; then the database failed before confirming that the migrations"
                            + " before it are on disk (")
                    .endsWith(
                        "if its server crashed or failed over, some may be gone, so check"
                            + " 'retort status'");
              });

      // The server did not crash: b2 is there.
      assertThat(env.historyRevisions()).containsExactly("a1", "b2");
    }
  }

  @Test
  void aMigrationWithoutATransactionEndsTheDeferralBeforeItRuns() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      writeTwoMore(env);
      env.write("d4", "c3", false, "CREATE INDEX CONCURRENTLY two_id ON two (id);", null);
      env.write("e5", "d4", "CREATE TABLE five (id INTEGER);", "DROP TABLE five;");
      String on = env.string("SELECT current_setting('synchronous_commit')");

      env.retort().upgrade();

      // The deferral ends before d4, with a write that waits; d4 and e5 then commit as the
      // session says, and no write is left to make at the end.
      assertThat(historyWrites(env))
          .containsExactly(
              "INSERT b2 off",
              "INSERT c3 off",
              "UPDATE c3 " + on,
              "INSERT d4 " + on,
              "UPDATE d4 " + on,
              "UPDATE d4 " + on,
              "INSERT e5 " + on);
    }
  }

  @Test
  void aDowngradeCommitsAsTheSessionSays() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      writeTwoMore(env);
      env.retort().upgrade();
      env.exec("TRUNCATE history_writes");
      String on = env.string("SELECT current_setting('synchronous_commit')");

      env.retort().downgrade("a1");

      assertThat(historyWrites(env)).containsExactly("DELETE c3 " + on, "DELETE b2 " + on);
    }
  }

  private Retort retort(Env env, Connection pooled) {
    return Retort.configure()
        .dataSource(new OneConnectionPool(pooled))
        .locations(env.folder().toString())
        .build();
  }

  private static String setting(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_commit')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}

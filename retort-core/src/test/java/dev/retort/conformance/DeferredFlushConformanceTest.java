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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the commits of an upgrade's migrations do not wait for the disk; one commit at the
 * end waits for all of them. Each migration records the setting it ran under and its transaction
 * id, so the tests see what the server saw.
 */
class DeferredFlushConformanceTest {
  @TempDir Path dir;

  /**
   * A migration that records its session's synchronous_commit and its transaction id, as the 32
   * bits that a row's xmin shows.
   */
  private static String recording(String table) {
    return "CREATE TABLE "
        + table
        + " AS SELECT current_setting('synchronous_commit') AS setting,"
        + " (txid_current() % 4294967296)::text AS xid;";
  }

  @Test
  void anUpgradesMigrationsCommitWithoutWaitingAndTheRunEndsWithACommitThatWaits()
      throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      env.write("a1", null, recording("seen_a1"), "DROP TABLE seen_a1;");
      env.write("b2", "a1", recording("seen_b2"), "DROP TABLE seen_b2;");
      env.write("c3", "b2", recording("seen_c3"), "DROP TABLE seen_c3;");
      // The pool's own setting, which the run must put back.
      execute(pooled, "SET synchronous_commit = local");

      retort(env, pooled).upgrade();

      assertThat(env.strings("SELECT setting FROM seen_a1 UNION ALL SELECT setting FROM seen_c3"))
          .containsExactly("off", "off");
      assertThat(setting(pooled)).isEqualTo("local");
      // The newest history row was written again after c3 committed: the commit that waits.
      assertThat(newestRowXid(env)).isNotEqualTo(env.string("SELECT xid FROM seen_c3"));
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
    }
  }

  @Test
  void aSingleMigrationCommitsAsTheSessionSays() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      env.write("a1", null, recording("seen_a1"), "DROP TABLE seen_a1;");
      execute(pooled, "SET synchronous_commit = remote_write");

      retort(env, pooled).upgrade();

      assertThat(env.string("SELECT setting FROM seen_a1")).isEqualTo("remote_write");
      assertThat(newestRowXid(env)).isEqualTo(env.string("SELECT xid FROM seen_a1"));
      assertThat(setting(pooled)).isEqualTo("remote_write");
    }
  }

  @Test
  void aFailedUpgradeStillEndsWithACommitThatWaitsAndPutsTheSettingBack() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        Connection pooled = env.connect()) {
      env.write("a1", null, recording("seen_a1"), "DROP TABLE seen_a1;");
      env.write("b2", "a1", recording("seen_b2"), "DROP TABLE seen_b2;");
      env.write("c3", "b2", "CREATE TABLE c3 (id INTEGER);\nSELECT 1/0;", "DROP TABLE c3;");
      execute(pooled, "SET synchronous_commit = local");

      assertThatThrownBy(() -> retort(env, pooled).upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("upgrade of c3 failed")
                    .contains("division by zero")
                    .endsWith("this migration was rolled back, earlier ones stay applied");
                assertThat(e.getSuppressed()).isEmpty();
              });

      assertThat(env.historyRevisions()).containsExactly("a1", "b2");
      assertThat(env.tables()).doesNotContain("c3");
      assertThat(env.string("SELECT setting FROM seen_b2")).isEqualTo("off");
      assertThat(newestRowXid(env)).isNotEqualTo(env.string("SELECT xid FROM seen_b2"));
      assertThat(setting(pooled)).isEqualTo("local");
    }
  }

  @Test
  void aDowngradeCommitsAsTheSessionSays() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", recording("seen_down_a1"));
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", recording("seen_down_b2"));
      Retort retort = env.retort();
      retort.upgrade();
      String sessionDefault = env.string("SELECT current_setting('synchronous_commit')");

      retort.downgrade("base");

      assertThat(
              env.strings(
                  "SELECT setting FROM seen_down_a1 UNION ALL SELECT setting FROM seen_down_b2"))
          .containsExactly(sessionDefault, sessionDefault);
    }
  }

  private Retort retort(Env env, Connection pooled) {
    return Retort.configure()
        .dataSource(new OneConnectionPool(pooled))
        .locations(env.folder().toString())
        .build();
  }

  /** The transaction id that last wrote the newest history row. */
  private static String newestRowXid(Env env) throws SQLException {
    return env.string("SELECT xmin::text FROM retort_history ORDER BY apply_order DESC LIMIT 1");
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

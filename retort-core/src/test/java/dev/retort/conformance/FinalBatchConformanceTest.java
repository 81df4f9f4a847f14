package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On PostgreSQL a migration's last statement, its history write and its COMMIT go to the server in
 * one batch. Triggers on the history table log the text of the client's query at each write and, as
 * a deferred trigger, at each commit ({@code current_query()}), so the tests see what the server
 * received: Retort's marked entries, or the plain statements of a migration that cannot use a
 * batch.
 */
class FinalBatchConformanceTest {
  @TempDir Path dir;

  private static final String HISTORY_MARK = "history */ ";
  private static final String COMMIT_MARK = "commit */ COMMIT";

  /** With pgjdbc's option, its batch errors name no entry: "Batch entry 1 <unknown> ...". */
  static final String NO_DETAIL = "logServerErrorDetail=false";

  /** Applies a1 (which creates the history table) and puts the loggers on the history table. */
  private static void logHistoryWrites(Env env) throws Exception {
    env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", "DROP TABLE one;");
    env.retort().upgrade();
    env.exec(
        "CREATE TABLE history_writes (n SERIAL, what TEXT, query TEXT)",
        "CREATE FUNCTION log_history_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO history_writes (what, query) VALUES (TG_NAME || ' ' || TG_OP || ' '"
            + " || COALESCE(NEW.revision, OLD.revision), current_query()); RETURN NULL; END $$",
        "CREATE TRIGGER at_write AFTER INSERT OR DELETE ON retort_history"
            + " FOR EACH ROW EXECUTE FUNCTION log_history_write()",
        "CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT OR DELETE ON retort_history"
            + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION log_history_write()");
  }

  /** The logged query of the write {@code what} ("at_commit INSERT b2"). */
  private static String queryAt(Env env, String what) throws Exception {
    List<String> queries =
        env.strings("SELECT query FROM history_writes WHERE what = '" + what + "' ORDER BY n");
    assertThat(queries).as(what).hasSize(1);
    return queries.get(0);
  }

  @Test
  void theHistoryWriteAndTheCommitTravelWithTheLastStatement() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write(
          "b2",
          "a1",
          "CREATE TABLE two (id INTEGER);\nINSERT INTO two (id) VALUES (2);",
          "DROP TABLE two;");
      env.write("c3", "b2", "DO $$ BEGIN PERFORM pg_sleep(0.2); END $$;", "SELECT 1;");

      // One at a time: two in one run would go in one batch (PipelineConformanceTest).
      env.retort().upgrade("b2");
      env.retort().upgrade();

      for (String revision : List.of("b2", "c3")) {
        assertThat(queryAt(env, "at_write INSERT " + revision))
            .startsWith("/* retort ")
            .contains(HISTORY_MARK + "INSERT INTO ")
            .contains("'" + revision + "'");
        assertThat(queryAt(env, "at_commit INSERT " + revision))
            .startsWith("/* retort ")
            .endsWith(COMMIT_MARK);
      }
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.count("SELECT count(*) FROM two")).isEqualTo(1);
      // The server measures the duration, last statement included.
      assertThat(env.count("SELECT duration_ms FROM retort_history WHERE revision = 'c3'"))
          .isGreaterThanOrEqualTo(200);

      env.retort().downgrade("a1");

      // c3's down script is a SELECT, which runs alone; b2's ends in a batch.
      assertThat(queryAt(env, "at_write DELETE c3")).doesNotContain(HISTORY_MARK);
      assertThat(queryAt(env, "at_write DELETE b2")).contains(HISTORY_MARK + "DELETE FROM ");
      assertThat(queryAt(env, "at_commit DELETE b2")).endsWith(COMMIT_MARK);
      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).doesNotContain("two");
    }
  }

  @Test
  void inACommitGroupOnlyTheFirstMigrationSendsItsHistoryRowThatWayAndTheGroupCommits()
      throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);

      env.builder().commitGroup(Duration.ofMinutes(1)).build().upgrade();

      assertThat(queryAt(env, "at_write INSERT b2")).contains(HISTORY_MARK + "INSERT INTO ");
      assertThat(queryAt(env, "at_write INSERT c3")).doesNotContain(HISTORY_MARK);
      assertThat(queryAt(env, "at_commit INSERT b2")).isEqualTo("COMMIT");
      assertThat(queryAt(env, "at_commit INSERT c3")).isEqualTo("COMMIT");
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.tables()).contains("two", "three");
    }
  }

  @Test
  void aLastStatementThatReturnsRowsRunsAlone() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write(
          "b2",
          "a1",
          "CREATE TABLE two (id SERIAL PRIMARY KEY, v INTEGER);\n"
              + "INSERT INTO two (v) VALUES (1) RETURNING id;",
          "DROP TABLE two;");
      env.write("c3", "b2", "SELECT count(*) FROM two;", null);

      env.retort().upgrade();

      for (String revision : List.of("b2", "c3")) {
        assertThat(queryAt(env, "at_write INSERT " + revision)).doesNotContain(HISTORY_MARK);
        assertThat(queryAt(env, "at_commit INSERT " + revision)).isEqualTo("COMMIT");
      }
      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.count("SELECT count(*) FROM two")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", NO_DETAIL})
  void aFailingLastStatementIsNamedAndRollsBackAlone(String option) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write(
          "b2", "a1", "CREATE TABLE two (id INTEGER);\nINSERT INTO nowhere VALUES (1);", null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);

      RetortException e = upgradeFailure(env, option);

      assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(e.getMessage())
          .startsWith("upgrade of b2 failed: ")
          .contains("_b2.sql:6, statement 2 of 2: ERROR: relation \"nowhere\"")
          .doesNotContain("Batch entry")
          .doesNotContain("/* retort")
          .endsWith("this migration was rolled back, earlier ones stay applied");
      // Where the driver names the entry, the message is sure which one it was.
      assertThat(e.getMessage().contains("or the history write")).isEqualTo(!option.isEmpty());

      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).doesNotContain("two", "three");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", NO_DETAIL})
  void aHistoryWriteThatFailsTakesItsMigrationWithIt(String option) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.exec(
          "CREATE FUNCTION refuse_b2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.revision = 'b2' THEN RAISE EXCEPTION 'no b2 here'; END IF;"
              + " RETURN NEW; END $$",
          "CREATE TRIGGER refuse_b2 BEFORE INSERT ON retort_history"
              + " FOR EACH ROW EXECUTE FUNCTION refuse_b2()");
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);

      RetortException e = upgradeFailure(env, option);

      assertThat(e.getMessage()).contains("no b2 here").doesNotContain("commit of");
      if (option.isEmpty()) {
        // The history table's error, not the migration's statement.
        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
        assertThat(e.getMessage()).doesNotContain("statement 1 of 1");
      } else {
        // The driver did not say which: the message says it may be either.
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.getMessage())
            .contains("statement 1 of 1: ")
            .contains("(or the history write or the commit sent with it: the driver's")
            .endsWith("this migration was rolled back, earlier ones stay applied");
      }

      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).doesNotContain("two");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", NO_DETAIL})
  void aCommitThatFailsIsReportedAsTheCommit(String option) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write(
          "b2",
          "a1",
          "CREATE TABLE two (id INTEGER,"
              + " one_id INTEGER REFERENCES one (id) DEFERRABLE INITIALLY DEFERRED);\n"
              + "INSERT INTO two VALUES (1, 42);",
          null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);

      RetortException e = upgradeFailure(env, option);

      assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(e.getMessage())
          .contains("violates foreign key constraint")
          .doesNotContain("Batch entry")
          .endsWith("rolled back, earlier ones stay applied");
      if (option.isEmpty()) {
        assertThat(e.getMessage()).startsWith("commit of b2 (");
      } else {
        // The driver named no entry: the message says it may be the commit.
        assertThat(e.getMessage())
            .startsWith("upgrade of b2 failed: ")
            .contains("(or the history write or the commit sent with it");
      }

      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).doesNotContain("two", "three");
    }
  }

  /** The error of an upgrade that must fail, with the driver option {@code option} (or none). */
  /**
   * Upgrades to b2 alone: with c3 in the same run the two would go in one batch of migrations,
   * whose failures PipelineConformanceTest covers.
   */
  private static RetortException upgradeFailure(Env env, String option) {
    RetortException e =
        catchThrowableOfType(RetortException.class, () -> env.retort(option).upgrade("b2"));
    assertThat(e).as("upgrade fails").isNotNull();
    return e;
  }

  /**
   * The connection breaks as the batch goes out, and no answer comes: whichever entry the driver
   * was waiting for, the server may have run them all, so the commit's outcome is unknown.
   */
  @Test
  @Timeout(120)
  void aConnectionCutWithTheCommitOnItsWayLeavesTheOutcomeUnknown() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        CuttingProxy proxy = new CuttingProxy(env.db().jdbcUrl(), COMMIT_MARK)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      String plain = proxy.url(env.db().jdbcUrl());

      CommitAssertions.failsWithCommitOutcomeUnknown(
          () -> env.builder().url(plain, env.db().user(), env.db().password()).build().upgrade(),
          "a1");

      // The proxy never passed the batch on: this time nothing was applied.
      assertThat(env.historyRevisions()).isEmpty();
      assertThat(env.tables()).doesNotContain("one");
    }
  }

  /**
   * The history row is written with literals in a batch; the stored down script and description
   * must still be the file's, byte for byte, whatever the server does with backslashes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"on", "off"})
  void quotesAndBackslashesAreStoredAsWritten(String standardConformingStrings) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      String database = env.string("SELECT current_database()");
      env.exec(
          "ALTER DATABASE \""
              + database
              + "\" SET standard_conforming_strings = "
              + standardConformingStrings);
      String down = "DELETE FROM notes WHERE body IN ('it''s', E'back\\\\slash', 'C:\\path ü $$');";
      env.writeFile(
          "a1",
          "-- retort:revision a1\n"
              + "-- retort:description Bob's C:\\temp notes\n"
              + "-- retort:up\n"
              + "CREATE TABLE notes (body TEXT);\n"
              + "-- retort:down\n"
              + down
              + "\nDROP TABLE notes;\n");

      env.retort().upgrade();

      assertThat(env.string("SELECT current_setting('standard_conforming_strings')"))
          .isEqualTo(standardConformingStrings);
      assertThat(env.string("SELECT description FROM retort_history"))
          .isEqualTo("Bob's C:\\temp notes");
      assertThat(env.string("SELECT down_script FROM retort_history")).contains(down);
      env.retort().downgrade("base");
      assertThat(env.tables()).doesNotContain("notes");
    }
  }
}

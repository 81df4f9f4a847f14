package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.plan.Step;
import dev.retort.testsupport.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On PostgreSQL, with pgjdbc's default query mode, consecutive migrations go to the server in one
 * batch, each between a BEGIN and a COMMIT of its own; a failure keeps the ones before it and the
 * failed one runs again alone, so that its error is the same as without a batch. pgjdbc's simple
 * query mode runs a batch past an error, so there each migration goes alone, as before.
 */
class PipelineConformanceTest {
  @TempDir Path dir;

  /** pgjdbc's modes in which a batch's entries are separate queries: no batches of migrations. */
  static final String SIMPLE = "preferQueryMode=simple";

  static final String FOR_PREPARED = "preferQueryMode=extendedForPrepared";

  /** The marker of a history write sent in a batch of migrations. */
  static final String BATCHED = "batched history */ ";

  /** Applies a1, which creates the history table, and logs the query text of each history write. */
  private static void logHistoryWrites(Env env) throws Exception {
    env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
    env.retort().upgrade();
    env.exec(
        "CREATE TABLE history_writes (n SERIAL, revision TEXT, query TEXT)",
        "CREATE FUNCTION log_history_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO history_writes (revision, query) VALUES (NEW.revision,"
            + " current_query()); RETURN NULL; END $$",
        "CREATE TRIGGER at_write AFTER INSERT ON retort_history"
            + " FOR EACH ROW EXECUTE FUNCTION log_history_write()");
  }

  /** The error of an upgrade that must fail. */
  private static RetortException upgradeFailure(ThrowingCallable upgrade) {
    RetortException e = catchThrowableOfType(RetortException.class, upgrade);
    assertThat(e).as("upgrade fails").isNotNull();
    return e;
  }

  private static String revision(int i) {
    return String.format("m%02d", i);
  }

  @Test
  void aRunGoesInBatchesWithEachMigrationInATransactionOfItsOwn() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      String parent = "a1";
      for (int i = 1; i <= 40; i++) {
        String t = "t" + i;
        String up =
            i == 20
                ? "DO $$ BEGIN PERFORM pg_sleep(0.2); END $$;"
                : "CREATE TABLE "
                    + t
                    + " (id INTEGER PRIMARY KEY, name TEXT);\n"
                    + "CREATE INDEX "
                    + t
                    + "_name ON "
                    + t
                    + " (name);";
        env.write(revision(i), parent, up, null);
        parent = revision(i);
      }
      List<String> finished = new ArrayList<>();
      List<Duration> took = new ArrayList<>();
      RetortListener listener =
          new RetortListener() {
            @Override
            public void stepFinished(Step step, Duration d) {
              finished.add(step.revision());
              took.add(d);
            }
          };

      env.builder().listener(listener).build().upgrade();

      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        expected.add(revision(i));
      }
      assertThat(finished).containsExactlyElementsOf(expected);
      List<String> all = new ArrayList<>(List.of("a1"));
      all.addAll(expected);
      assertThat(env.historyRevisions()).containsExactlyElementsOf(all);
      assertThat(env.count("SELECT max(apply_order) - min(apply_order) FROM retort_history"))
          .isEqualTo(40);
      // A transaction each: 41 different writers of the history rows.
      assertThat(env.count("SELECT count(DISTINCT xmin::text) FROM retort_history")).isEqualTo(41);
      // Written as literals in a batch, with the batch's marker.
      List<String> queries =
          env.strings("SELECT query FROM history_writes WHERE revision LIKE 'm%' ORDER BY n");
      assertThat(queries).hasSize(40);
      for (int i = 0; i < 40; i++) {
        assertThat(queries.get(i))
            .startsWith("/* retort ")
            .contains(BATCHED + "INSERT INTO ")
            .contains("'" + revision(i + 1) + "'");
      }
      // The server measured each migration: the one that slept, and only it, took 200 ms.
      assertThat(env.count("SELECT duration_ms FROM retort_history WHERE revision = 'm20'"))
          .isGreaterThanOrEqualTo(200);
      assertThat(took.get(19)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(env.count("SELECT max(duration_ms) FROM retort_history WHERE revision <> 'm20'"))
          .isLessThan(200);
      assertThat(env.tables()).contains("t1", "t19", "t21", "t40");
    }
  }

  /**
   * A pool's connection that answers {@code unwrap(Connection.class)} with itself, as DBCP's and
   * other delegating wrappers do, still reaches pgjdbc's own interface: its runs go in batches.
   */
  @Test
  void aWrappedConnectionFromADataSourceStillGoesInBatches() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);

      Retort.configure()
          .dataSource(wrappingDataSource(env.db()))
          .locations(env.folder().toString())
          .lockWait(Duration.ofSeconds(30))
          .build()
          .upgrade();

      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.strings("SELECT query FROM history_writes ORDER BY n"))
          .hasSize(2)
          .allSatisfy(query -> assertThat(query).contains(BATCHED));
    }
  }

  /** A pool whose connections wrap pgjdbc's the way delegating pools do. */
  private static DataSource wrappingDataSource(TestDatabase db) {
    return new TestPool() {
      @Override
      public Connection getConnection() throws SQLException {
        return wrap(DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()));
      }
    };
  }

  private static Connection wrap(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            PipelineConformanceTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              boolean wrapping =
                  method.getName().equals("unwrap") || method.getName().equals("isWrapperFor");
              if (wrapping && ((Class<?>) args[0]).isInstance(proxy)) {
                return method.getName().equals("unwrap") ? proxy : true;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * Past about 250 entries pgjdbc splits a batch with a Sync of its own; two migrations of 120
   * statements each would be 246 entries, so each goes alone (its last statement, history row and
   * commit still in FinalBatch's one round trip, whose history write is marked).
   */
  @Test
  void migrationsTooLongToShareABatchGoAlone() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      logHistoryWrites(env);
      StringBuilder b2 = new StringBuilder();
      StringBuilder c3 = new StringBuilder();
      for (int i = 1; i <= 120; i++) {
        b2.append("CREATE TABLE b_").append(i).append(" (id INTEGER);\n");
        c3.append("CREATE TABLE c_").append(i).append(" (id INTEGER);\n");
      }
      env.write("b2", "a1", b2.toString(), null);
      env.write("c3", "b2", c3.toString(), null);

      env.retort().upgrade();

      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.strings("SELECT query FROM history_writes ORDER BY n"))
          .hasSize(2)
          .allSatisfy(query -> assertThat(query).startsWith("/* retort ").doesNotContain(BATCHED));
      assertThat(env.tables()).contains("b_120", "c_120");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", SIMPLE, FOR_PREPARED})
  void aFailureKeepsTheMigrationsBeforeItAndNamesItsStatement(String option) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);
      env.write(
          "c3", "b2", "CREATE TABLE three (id INTEGER);\nINSERT INTO nowhere VALUES (1);", null);
      env.write("d4", "c3", "CREATE TABLE four (id INTEGER);", null);
      env.write("e5", "d4", "CREATE TABLE five (id INTEGER);", null);

      RetortException e = upgradeFailure(env.retort(option)::upgrade);

      assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(e.getMessage())
          .startsWith("upgrade of c3 failed: ")
          .contains("_c3.sql:6, statement 2 of 2: ERROR: relation \"nowhere\"")
          .doesNotContain("Batch entry")
          .endsWith("this migration was rolled back, earlier ones stay applied");
      assertThat(env.historyRevisions()).containsExactly("a1", "b2");
      assertThat(env.tables()).contains("one", "two").doesNotContain("three", "four", "five");
    }
  }

  /**
   * b2 would succeed a second time (a sequence's value survives the rollback), but a migration that
   * failed in a batch is not run again: the run stops at it, as without a batch.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", SIMPLE})
  void aMigrationThatFailedInABatchIsNotRunAgain(String option) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.exec("CREATE SEQUENCE tries");
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      env.write(
          "b2",
          "a1",
          "CREATE TABLE two (id INTEGER);\n"
              + "DO $$ BEGIN IF nextval('tries') = 1 THEN RAISE EXCEPTION 'first try';"
              + " END IF; END $$;",
          null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);

      RetortException e = upgradeFailure(env.retort(option)::upgrade);

      assertThat(e.getMessage())
          .startsWith("upgrade of b2 failed: ")
          .contains("statement 2 of 2: ERROR: first try")
          .endsWith("this migration was rolled back, earlier ones stay applied");
      assertThat(env.count("SELECT last_value FROM tries")).isEqualTo(1);
      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).contains("one").doesNotContain("two", "three");
    }
  }

  /**
   * The driver's error quotes the failed statement; one that contains the text of an earlier
   * statement is still named first.
   */
  @Test
  void aFailedStatementThatContainsAnotherIsNamedFirst() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      env.write(
          "b2",
          "a1",
          "CREATE TABLE tw (id INTEGER);\nCREATE TABLE tw (id INTEGER) INHERITS (nowhere);",
          null);

      RetortException e = upgradeFailure(env.retort()::upgrade);

      assertThat(e.getMessage())
          .startsWith("upgrade of b2 failed: ")
          .contains("_b2.sql:6, statement 2 of 2: ERROR: relation \"nowhere\"")
          .contains("(or statement 1, which the error quotes too)")
          .endsWith("this migration was rolled back, earlier ones stay applied");
      assertThat(env.historyRevisions()).containsExactly("a1");
    }
  }

  /**
   * With pgjdbc's logServerErrorDetail=false the error quotes no entry: the message names the
   * migration and says it cannot name the statement.
   */
  @Test
  void aFailureTheDriverDoesNotPlaceNamesTheMigration() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      env.write(
          "b2", "a1", "CREATE TABLE two (id INTEGER);\nINSERT INTO nowhere VALUES (1);", null);

      RetortException e = upgradeFailure(env.retort(FinalBatchConformanceTest.NO_DETAIL)::upgrade);

      assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(e.getMessage())
          .startsWith("upgrade of b2 failed: ")
          .contains("_b2.sql: ERROR: relation \"nowhere\"")
          .contains("(in one of its statements, its history write or its commit: the driver's")
          .endsWith("this migration was rolled back, earlier ones stay applied");
      assertThat(env.historyRevisions()).containsExactly("a1");
      assertThat(env.tables()).doesNotContain("two");
    }
  }

  @Test
  void aCommitThatFailsInABatchIsReportedAsTheCommit() throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);
      env.write(
          "c3",
          "b2",
          "CREATE TABLE three (id INTEGER,"
              + " one_id INTEGER REFERENCES one (id) DEFERRABLE INITIALLY DEFERRED);\n"
              + "INSERT INTO three VALUES (1, 42);",
          null);
      env.write("d4", "c3", "CREATE TABLE four (id INTEGER);", null);

      RetortException e = upgradeFailure(env.retort()::upgrade);

      assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(e.getMessage())
          .startsWith("commit of c3 (")
          .contains("violates foreign key constraint")
          .endsWith("rolled back, earlier ones stay applied");
      assertThat(env.historyRevisions()).containsExactly("a1", "b2");
      assertThat(env.tables()).contains("one", "two").doesNotContain("three", "four");
    }
  }

  /**
   * The connection breaks as a batch goes out: the migrations of the batches before it are applied,
   * and the error says to look at what is applied rather than guess.
   */
  @Test
  @Timeout(120)
  void aConnectionCutDuringABatchSaysToCheckWhatIsApplied() throws Exception {
    try (Env env = Env.open("postgresql", dir);
        CuttingProxy proxy = new CuttingProxy(env.db().jdbcUrl(), "CREATE TABLE three")) {
      env.write("a1", null, "CREATE TABLE one (id INTEGER);", null);
      env.write("b2", "a1", "CREATE TABLE two (id INTEGER);", null);
      env.write("c3", "b2", "CREATE TABLE three (id INTEGER);", null);
      env.write("d4", "c3", "CREATE TABLE four (id INTEGER);", null);
      String plain = proxy.url(env.db().jdbcUrl());

      RetortException e =
          upgradeFailure(
              () ->
                  env.builder().url(plain, env.db().user(), env.db().password()).build().upgrade());

      assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
      assertThat(e.getMessage())
          .startsWith("the 2 migrations sent together, c3 to d4, failed: ")
          .contains("the connection failed with them, so which of them committed is unknown")
          .contains("'retort status' shows what is applied");
      // The first batch went through; the proxy never passed the second on.
      assertThat(env.historyRevisions()).containsExactly("a1", "b2");
      assertThat(env.tables()).contains("one", "two").doesNotContain("three", "four");
    }
  }
}

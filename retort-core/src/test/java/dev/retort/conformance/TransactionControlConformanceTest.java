package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.JavaMigration;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A script's own BEGIN/COMMIT inside a migration that Retort runs in a transaction would end that
 * transaction half-way (PostgreSQL commits the first half and goes on in autocommit): it is refused
 * before anything runs. Marked {@code transaction false}, the script manages its own transactions.
 */
class TransactionControlConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void commitInATransactionalMigrationIsRefusedBeforeAnythingRuns(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write("t1", null, "CREATE TABLE early (id INTEGER);", "DROP TABLE early;");
      Path file =
          env.write(
              "t2",
              "t1",
              "CREATE TABLE half (id INTEGER);\nCOMMIT;\nINSERT INTO missing VALUES (1);",
              null);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_SOURCE);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "migrations/"
                            + file.getFileName()
                            + ":6: COMMIT inside a migration that runs in a transaction; remove"
                            + " it, or mark the migration '-- retort:transaction false'");
              });
      assertThat(env.tables()).isEmpty();
      assertThat(env.hasHistoryTable()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void beginInADownScriptIsRefusedToo(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "t1", null, "CREATE TABLE early (id INTEGER);", "BEGIN TRANSACTION;\nDROP TABLE early;");
      env.retort().upgrade();

      assertThatThrownBy(() -> env.retort().downgrade("base"))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_SOURCE);
                assertThat(e.getMessage()).contains(":6: BEGIN inside a migration");
              });
      assertThat(env.tables()).containsExactly("early");
      assertThat(env.historyRevisions()).containsExactly("t1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void savepointsStayAllowed(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "t1",
          null,
          "CREATE TABLE kept (id INTEGER);\nSAVEPOINT s1;\nINSERT INTO kept VALUES (1);\n"
              + "ROLLBACK TO SAVEPOINT s1;\nRELEASE SAVEPOINT s1;\nINSERT INTO kept VALUES (2);",
          null);

      env.retort().upgrade();

      assertThat(env.strings("SELECT id FROM kept")).containsExactly("2");
      assertThat(env.historyRevisions()).containsExactly("t1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aNonTransactionalMigrationManagesItsOwnTransactions(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "t1",
          null,
          false,
          "BEGIN;\nCREATE TABLE own (id INTEGER);\nINSERT INTO own VALUES (1);\nCOMMIT;",
          null);

      env.retort().upgrade();

      assertThat(env.strings("SELECT id FROM own")).containsExactly("1");
      assertThat(env.retort().show("t1").row().statementsDone()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void aBeginAtomicFunctionBodyIsNotTransactionControl(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "t1",
          null,
          "CREATE FUNCTION answer() RETURNS integer LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 42;\nEND;",
          "DROP FUNCTION answer();");

      env.retort().upgrade();

      assertThat(env.string("SELECT answer()")).isEqualTo("42");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb"})
  void mariaDbCompoundBlocksAndItsOwnTransactionsRun(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "t1",
          null,
          "CREATE TABLE own (id INTEGER);\n"
              + "CREATE PROCEDURE fill() BEGIN INSERT INTO own VALUES (1); COMMIT; END;\n"
              + "START TRANSACTION;\nCALL fill();\nCOMMIT;",
          "DROP PROCEDURE fill;\nDROP TABLE own;");

      env.retort().upgrade();

      assertThat(env.strings("SELECT id FROM own")).containsExactly("1");
    }
  }

  /** Ends the transaction Retort opened, as a script's COMMIT would, then fails. */
  static final class CommitsThenFails implements JavaMigration {
    @Override
    public String id() {
      return "j1";
    }

    @Override
    public List<String> parents() {
      return List.of();
    }

    @Override
    public void up(Connection connection) throws Exception {
      try (Statement st = connection.createStatement()) {
        st.execute("CREATE TABLE j (id INTEGER)");
        st.execute("COMMIT");
      }
      throw new IllegalStateException("the real failure");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void aFailingCleanupDoesNotHideTheMigrationsError(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      Retort retort = env.builder().javaMigrations(new CommitsThenFails()).build();

      assertThatThrownBy(retort::upgrade)
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("upgrade of j1 failed", "the real failure");
                assertThat(e.getSuppressed()).isNotEmpty();
              });
    }
  }
}

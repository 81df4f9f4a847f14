package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A migration that fails in the middle. Where DDL is transactional (SQLite, PostgreSQL) the failed
 * migration rolls back whole; on MariaDB each DDL statement has committed, so Retort records how
 * far it got and refuses to go on until {@code resolve} settles it. A migration marked {@code
 * transaction false} behaves the MariaDB way on every database.
 */
class FailureConformanceTest {
  @TempDir Path dir;

  /** Statement 3 of f2 inserts into a table that does not exist (yet). */
  private static final String FAILS_AT_THREE =
      "CREATE TABLE part_a (id INTEGER PRIMARY KEY);\n"
          + "CREATE TABLE part_b (id INTEGER PRIMARY KEY);\n"
          + "INSERT INTO fix_me (id) VALUES (1);\n"
          + "CREATE TABLE part_c (id INTEGER PRIMARY KEY);";

  private static void writeFirst(Env env) throws Exception {
    env.write("f1", null, "CREATE TABLE early (id INTEGER PRIMARY KEY);", "DROP TABLE early;");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void transactionalDatabasesRollBackTheFailedMigrationWhole(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeFirst(env);
      Path file = env.write("f2", "f1", FAILS_AT_THREE, null);
      env.write("f3", "f2", "CREATE TABLE late (id INTEGER PRIMARY KEY);", null);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("upgrade of f2 failed")
                    .contains(file.getFileName() + ":7, statement 3 of 4")
                    .containsIgnoringCase("fix_me")
                    .contains("rolled back, earlier ones stay applied");
              });

      assertThat(env.tables()).containsExactly("early");
      assertThat(env.historyRevisions()).containsExactly("f1");
      assertThat(env.retort().current()).containsExactly("f1");

      Files.writeString(
          file,
          Files.readString(file)
              .replace(
                  "INSERT INTO fix_me", "CREATE TABLE fix_me (id INTEGER);\nINSERT INTO fix_me"));
      assertThat(env.retort().upgrade().current()).containsExactly("f3");
      assertThat(env.tables())
          .containsExactly("early", "fix_me", "late", "part_a", "part_b", "part_c");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void failureAtTheFirstStatementLeavesNothing(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeFirst(env);
      // Without a transaction on every database: nothing ran, so no row is left behind.
      env.write(
          "f2",
          "f1",
          false,
          "INSERT INTO fix_me (id) VALUES (1);\nCREATE TABLE part_a (id INTEGER PRIMARY KEY);",
          null);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("statement 1 of 2");
              });

      assertThat(env.tables()).containsExactly("early");
      assertThat(env.historyRevisions()).containsExactly("f1");
      assertThat(env.retort().status().with(RevisionStatus.State.PENDING))
          .extracting(RevisionStatus::revision)
          .containsExactly("f2");
    }
  }

  /** The MariaDB way, and any database's for a migration marked {@code transaction false}. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void partialMigrationIsRecordedRefusedAndResumed(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      failHalfWay(env);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage()).contains("retort resolve f2");
              });
      assertThat(env.tables()).doesNotContain("late");

      env.exec("CREATE TABLE fix_me (id INTEGER)");
      RevisionStatus resumed = env.retort().resolve("f2", Retort.Resolution.RESUME);

      assertThat(resumed.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(resumed.row().statementsDone()).isEqualTo(4);
      assertThat(env.count("SELECT count(*) FROM fix_me")).isEqualTo(1);
      assertThat(env.tables()).contains("part_a", "part_b", "part_c");
      assertThat(env.retort().upgrade().current()).containsExactly("f3");
      assertThat(env.tables()).contains("late");
      assertThat(env.retort().validate().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void partialMigrationResolvedAsRolledBackRunsAgainFromTheTop(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      failHalfWay(env);

      env.exec("DROP TABLE part_b", "DROP TABLE part_a");
      RevisionStatus forgotten = env.retort().resolve("f2", Retort.Resolution.ROLLED_BACK);

      assertThat(forgotten.state()).isEqualTo(RevisionStatus.State.PENDING);
      assertThat(env.historyRevisions()).containsExactly("f1");

      env.exec("CREATE TABLE fix_me (id INTEGER)");
      assertThat(env.retort().upgrade().steps())
          .extracting(a -> a.step().revision())
          .containsExactly("f2", "f3");
      assertThat(env.tables())
          .containsExactly("early", "fix_me", "late", "part_a", "part_b", "part_c");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void partialMigrationFinishedByHandIsResolvedAsApplied(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      failHalfWay(env);

      env.exec(
          "CREATE TABLE fix_me (id INTEGER)",
          "INSERT INTO fix_me (id) VALUES (1)",
          "CREATE TABLE part_c (id INTEGER PRIMARY KEY)");
      RevisionStatus done = env.retort().resolve("f2", Retort.Resolution.APPLIED);

      assertThat(done.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(env.retort().upgrade().steps())
          .extracting(a -> a.step().revision())
          .containsExactly("f3");
      assertThat(env.historyRevisions()).containsExactly("f1", "f2", "f3");
    }
  }

  /** A down script whose first statement fails changed nothing: the revision stays applied. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void downgradeFailingAtTheFirstStatementLeavesTheRevisionApplied(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeFirst(env);
      env.write(
          "f2",
          "f1",
          "CREATE TABLE part_a (id INTEGER PRIMARY KEY);",
          "DROP TABLE fix_me;\nDROP TABLE part_a;");
      env.retort().upgrade();

      assertThatThrownBy(() -> env.retort().downgrade("-1"))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("downgrade of f2 failed").contains("1 of 2");
              });

      assertThat(env.retort().show("f2").state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(env.retort().current()).containsExactly("f2");
      assertThat(env.tables()).containsExactly("early", "part_a");

      env.exec("CREATE TABLE fix_me (id INTEGER)");
      assertThat(env.retort().downgrade("-1").current()).containsExactly("f1");
      assertThat(env.tables()).containsExactly("early");
    }
  }

  /**
   * A down script that fails half-way without a transaction: it cannot be resumed; finishing the
   * downgrade by hand and resolving as rolled back leaves the revision pending.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void partialDowngradeIsFinishedByHandAndResolvedAsRolledBack(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeFirst(env);
      env.write(
          "f2",
          "f1",
          false,
          "CREATE TABLE part_a (id INTEGER PRIMARY KEY);\n"
              + "CREATE TABLE part_b (id INTEGER PRIMARY KEY);",
          "DROP TABLE part_b;\nDROP TABLE fix_me;\nDROP TABLE part_a;");
      env.retort().upgrade();

      assertThatThrownBy(() -> env.retort().downgrade("-1"))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage())
                    .contains("downgrade of f2 failed")
                    .contains("statement 2 of 3")
                    .contains("retort resolve f2 --rolled-back")
                    .doesNotContain("--resume");
              });
      assertThat(env.retort().show("f2").state()).isEqualTo(RevisionStatus.State.FAILED);
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage())
                    .contains("retort resolve f2 --rolled-back")
                    .doesNotContain("--resume");
              });
      assertThatThrownBy(() -> env.retort().resolve("f2", Retort.Resolution.RESUME))
          .isInstanceOfSatisfying(
              RetortException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));

      env.exec("DROP TABLE part_a");
      env.retort().resolve("f2", Retort.Resolution.ROLLED_BACK);

      assertThat(env.retort().current()).containsExactly("f1");
      assertThat(env.tables()).containsExactly("early");
      assertThat(env.retort().upgrade().current()).containsExactly("f2");
      assertThat(env.tables()).containsExactly("early", "part_a", "part_b");
    }
  }

  /**
   * Runs f1, then f2 which fails at statement 3 after two CREATE TABLEs; on SQLite and PostgreSQL
   * f2 is marked {@code transaction false} so that it runs the way every migration does on MariaDB.
   */
  private static void failHalfWay(Env env) throws Exception {
    writeFirst(env);
    env.write("f2", "f1", false, FAILS_AT_THREE, "DROP TABLE part_c;");
    env.write("f3", "f2", "CREATE TABLE late (id INTEGER PRIMARY KEY);", null);

    assertThatThrownBy(() -> env.retort().upgrade())
        .isInstanceOfSatisfying(
            RetortException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
              assertThat(e.getMessage())
                  .contains("statement 3 of 4")
                  .contains("2 statement(s) before it were committed")
                  .contains("retort resolve f2 --resume");
            });

    assertThat(env.tables()).containsExactly("early", "part_a", "part_b");
    RevisionStatus failed = env.retort().show("f2");
    assertThat(failed.state()).isEqualTo(RevisionStatus.State.FAILED);
    assertThat(failed.row().statementsDone()).isEqualTo(2);
    assertThat(failed.row().statementsTotal()).isEqualTo(4);
    assertThat(failed.row().error()).contains("statement 3").containsIgnoringCase("fix_me");
    assertThat(env.retort().status().with(RevisionStatus.State.FAILED))
        .extracting(RevisionStatus::revision)
        .containsExactly("f2");
    assertThat(env.retort().status().upToDate()).isFalse();
  }
}

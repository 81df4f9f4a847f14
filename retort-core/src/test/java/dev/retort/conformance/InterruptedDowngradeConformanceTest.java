package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A downgrade without a transaction (MariaDB, or a migration marked {@code transaction false})
 * records its progress like an upgrade: a crash half-way leaves the row running with the count of
 * statements undone, which upgrade and downgrade refuse to pass and resolve settles.
 */
class InterruptedDowngradeConformanceTest {
  @TempDir Path dir;

  private static final String UP =
      "CREATE TABLE d1 (id INTEGER);\nCREATE TABLE d2 (id INTEGER);\nCREATE TABLE d3 (id INTEGER);";

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void aKilledDowngradeLeavesARunningRowThatResolveSettles(String kind) throws Exception {
    boolean postgres = kind.equals("postgresql");
    String sleep = postgres ? "SELECT pg_sleep(2)" : "SELECT SLEEP(2)";
    try (Env env = Env.open(kind, dir)) {
      env.write("k1", null, false, UP, "DROP TABLE d3;\n" + sleep + ";\nDROP TABLE d2;");
      env.retort().upgrade();
      CompletableFuture<?> run = CompletableFuture.runAsync(() -> env.retort().downgrade("base"));

      InterruptedMigrationConformanceTest.killSessionRunning(env, postgres, sleep);

      ExecutionException died =
          assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
      assertThat(died.getCause()).isInstanceOf(RetortException.class);
      RevisionStatus interrupted = env.retort().show("k1");
      assertThat(interrupted.state()).isEqualTo(RevisionStatus.State.RUNNING);
      assertThat(interrupted.row().statementsDone()).isEqualTo(1);
      assertThat(interrupted.row().statementsTotal()).isEqualTo(3);
      assertThat(env.retort().current()).isEmpty();
      assertThat(env.tables()).containsExactly("d1", "d2");
      for (Runnable command :
          new Runnable[] {() -> env.retort().upgrade(), () -> env.retort().downgrade("base")}) {
        assertThatThrownBy(command::run)
            .isInstanceOfSatisfying(
                RetortException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                  assertThat(e.getMessage())
                      .contains("interrupted during its downgrade after statement 1 of 3")
                      .contains("'retort resolve k1 --rolled-back'")
                      .contains("'retort resolve k1 --applied'");
                });
      }
      assertThatThrownBy(() -> env.retort().resolve("k1", Retort.Resolution.RESUME))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                assertThat(e.getMessage()).contains("stopped during a downgrade");
              });

      env.exec("DROP TABLE d2", "DROP TABLE d1");
      RevisionStatus settled = env.retort().resolve("k1", Retort.Resolution.ROLLED_BACK);

      assertThat(settled.state()).isEqualTo(RevisionStatus.State.PENDING);
      env.retort().upgrade();
      assertThat(env.tables()).containsExactly("d1", "d2", "d3");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void progressIsCountedAndAFailureRecordsIt(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write("k1", null, false, UP, "DROP TABLE d3;\nDROP TABLE d2;\nDROP TABLE missing;");
      env.retort().upgrade();

      assertThatThrownBy(() -> env.retort().downgrade("base"))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage()).contains("2 statement(s) before it were committed");
              });

      RevisionStatus failed = env.retort().show("k1");
      assertThat(failed.state()).isEqualTo(RevisionStatus.State.FAILED);
      assertThat(failed.row().statementsDone()).isEqualTo(2);
      assertThat(failed.row().statementsTotal()).isEqualTo(3);
      assertThat(failed.row().error()).startsWith("downgrade failed at statement 3");
      env.exec("CREATE TABLE d2 (id INTEGER)", "CREATE TABLE d3 (id INTEGER)");

      RevisionStatus restored = env.retort().resolve("k1", Retort.Resolution.APPLIED);

      assertThat(restored.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(restored.row().error()).isNull();
      assertThat(env.retort().current()).containsExactly("k1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aDowngradeWhoseFirstStatementFailsLeavesTheRowAsItWas(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write("k1", null, false, UP, "DROP TABLE missing;\nDROP TABLE d3;");
      env.retort().upgrade();
      RevisionStatus before = env.retort().show("k1");

      assertThatThrownBy(() -> env.retort().downgrade("base"))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED));

      RevisionStatus after = env.retort().show("k1");
      assertThat(after.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(after.row()).isEqualTo(before.row());
      assertThat(env.tables()).containsExactly("d1", "d2", "d3");
    }
  }
}

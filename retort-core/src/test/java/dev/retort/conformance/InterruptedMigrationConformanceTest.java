package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migrating session dies half-way (its process was killed, its connection dropped) in a
 * migration without a transaction: the progress recorded after each statement is what remains, the
 * row stays {@code running}, and resume runs the rest.
 */
class InterruptedMigrationConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void killedSessionLeavesARunningRowThatResumeFinishes(String kind) throws Exception {
    boolean postgres = kind.equals("postgresql");
    String sleep = postgres ? "SELECT pg_sleep(2)" : "SELECT SLEEP(2)";
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "k1",
          null,
          false,
          "CREATE TABLE before_kill (id INTEGER);\n"
              + sleep
              + ";\nCREATE TABLE after_kill (id INTEGER);",
          null);
      CompletableFuture<?> run = CompletableFuture.runAsync(() -> env.retort().upgrade());

      killSessionRunning(env, postgres, sleep);

      ExecutionException died =
          assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
      assertThat(died.getCause()).isInstanceOf(RetortException.class);
      RevisionStatus interrupted = env.retort().show("k1");
      assertThat(interrupted.state()).isEqualTo(RevisionStatus.State.RUNNING);
      assertThat(interrupted.row().statementsDone()).isEqualTo(1);
      assertThat(env.tables()).containsExactly("before_kill");
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage())
                    .contains("interrupted after statement 1 of 3")
                    .contains("retort resolve k1");
              });

      RevisionStatus resumed = env.retort().resolve("k1", Retort.Resolution.RESUME);

      assertThat(resumed.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(env.tables()).containsExactly("after_kill", "before_kill");
    }
  }

  /** Waits for the migration's session to reach the sleep, then kills it from another one. */
  static void killSessionRunning(Env env, boolean postgres, String sleep) throws Exception {
    String find =
        postgres
            ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND query LIKE '"
                + sleep
                + "%' AND pid <> pg_backend_pid()"
            : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                + " AND INFO LIKE '"
                + sleep
                + "%' AND ID <> CONNECTION_ID()";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<String> sessions = env.strings(find);
      if (!sessions.isEmpty()) {
        env.exec(
            postgres
                ? "SELECT pg_terminate_backend(" + Long.parseLong(sessions.get(0)) + ")"
                : "KILL CONNECTION " + Long.parseLong(sessions.get(0)));
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the migration never reached " + sleep);
  }
}

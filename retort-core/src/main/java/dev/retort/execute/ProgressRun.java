package dev.retort.execute;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.split.SqlStatement;
import dev.retort.execute.Executor.PreparedStep;
import dev.retort.history.HistoryRow;
import dev.retort.history.HistoryTable;
import dev.retort.plan.Step;
import dev.retort.source.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a migration that has no transaction around it (every migration on MariaDB/MySQL, where DDL
 * commits by itself; {@code transaction false} ones elsewhere) with its progress in the history
 * table: the row is written as running before the first statement and counts each statement that
 * ran, so that a failure or a crash half-way is reported exactly and settled with {@code retort
 * resolve}, never re-run silently.
 */
final class ProgressRun {
  private final Executor executor;
  private final Dialect dialect;
  private final HistoryTable history;
  private final RetortListener listener;

  ProgressRun(Executor executor, Dialect dialect, HistoryTable history, RetortListener listener) {
    this.executor = executor;
    this.dialect = dialect;
    this.history = history;
    this.listener = listener;
  }

  /** Runs one step, its history row written before its first statement and after each one. */
  void run(Connection connection, PreparedStep prepared, long order) throws SQLException {
    Step step = prepared.step();
    int total = prepared.statements().size();
    long start = System.nanoTime();
    // A downgrade marks its row too before the first statement, so that a crash half-way is seen
    // (the row is no longer applied) and says how far it got.
    HistoryRow row =
        step.direction() == Step.Direction.UP
            ? executor.rowFor(step, order, 0, HistoryRow.State.RUNNING, total)
            : step.row().downgradeStarted(total);
    withProgress(
        connection,
        step,
        row,
        new Progress(0),
        false,
        (pairs, progress) -> {
          if (step.direction() == Step.Direction.UP) {
            history.insert(connection, row);
          } else {
            history.update(connection, row);
          }
          commitIf(connection, pairs);
          if (Executor.isJava(step)) {
            executor.runJava(connection, step);
          } else {
            for (SqlStatement statement : prepared.statements()) {
              executor.execute(connection, prepared, statement, progress.done + 1);
              progress.done++;
              history.update(
                  connection,
                  row.withState(
                      HistoryRow.State.RUNNING, progress.done, row.error(), row.durationMillis()));
              commitIf(connection, pairs);
            }
          }
          long millis = (System.nanoTime() - start) / 1_000_000;
          if (step.direction() == Step.Direction.UP) {
            history.update(
                connection, row.withState(HistoryRow.State.APPLIED, total, null, millis));
          } else {
            history.delete(connection, step.revision());
          }
          commitIf(connection, pairs);
        });
  }

  /** How far a migration without a transaction got: statements done, and its time once known. */
  private static final class Progress {
    int done;
    long millis;

    Progress(int done) {
      this.done = done;
    }
  }

  /** A migration's statements with their history writes; {@code pairs}: see commitsWithProgress. */
  private interface Work {
    void run(boolean pairs, Progress progress) throws SQLException;
  }

  /**
   * Runs {@code work} in the autocommit mode the dialect needs ({@link #commitsWithProgress}). A
   * failure rolls back the statement and count not yet committed, and is recorded in {@code row}
   * with how far the migration got; autocommit is on again afterwards either way.
   */
  private void withProgress(
      Connection connection,
      Step step,
      HistoryRow row,
      Progress progress,
      boolean resuming,
      Work work)
      throws SQLException {
    boolean pairs = commitsWithProgress();
    connection.setAutoCommit(!pairs);
    Throwable failure = null;
    try {
      work.run(pairs, progress);
    } catch (RetortException e) {
      rollbackIf(connection, pairs, e);
      RetortException failed = recordFailure(connection, step, row, progress.done, resuming, e);
      failure = failed;
      throw failed;
    } catch (SQLException | RuntimeException e) {
      rollbackIf(connection, pairs, e);
      failure = e;
      throw e;
    } finally {
      new Executor.Cleanups(failure).run(() -> connection.setAutoCommit(true));
    }
  }

  /**
   * Whether a migration without a transaction commits each statement together with the history
   * update that counts it. So it does where DDL is not transactional (MySQL/MariaDB): the server
   * finishes a statement even after its client was killed, and an INSERT committed on its own would
   * be done while the history does not count it, so that resume would run it twice; in one
   * transaction with its count it rolls back with the dead session instead. (DDL commits by itself
   * regardless.) A {@code transaction false} migration on PostgreSQL stays in autocommit: {@code
   * CREATE INDEX CONCURRENTLY} refuses to run inside a transaction block.
   */
  private boolean commitsWithProgress() {
    return !dialect.transactionalDdl();
  }

  private static void commitIf(Connection connection, boolean pairs) throws SQLException {
    if (pairs) {
      connection.commit();
    }
  }

  private static void rollbackIf(Connection connection, boolean pairs, Exception cause) {
    if (pairs) {
      Executor.rollbackQuietly(connection, cause);
    }
  }

  /**
   * Records a failure of a migration that ran without a transaction. When no statement had run the
   * database is unchanged, so the failure is a plain one: an upgrade's row goes away, a downgrade's
   * row is applied again as it was. A Java migration has no statements to count: what it did before
   * failing is unknown, so its row stays, failed. A resumed migration keeps its row whatever the
   * count: its first statement may have run in part when the process died, and counting it as done
   * would make the next resume skip it.
   *
   * @return the error to throw
   */
  private RetortException recordFailure(
      Connection connection,
      Step step,
      HistoryRow row,
      int done,
      boolean resuming,
      RetortException e) {
    try {
      connection.setAutoCommit(true);
      return record(connection, step, row, done, resuming, e);
    } catch (SQLException recording) {
      // The connection may be gone with the statement that failed: the failure itself is the news.
      e.addSuppressed(recording);
      return e;
    }
  }

  private RetortException record(
      Connection connection,
      Step step,
      HistoryRow row,
      int done,
      boolean resuming,
      RetortException e)
      throws SQLException {
    String cause =
        e.getCause() instanceof SQLException sql
            ? SqlErrors.message(sql)
            : SqlErrors.oneLine(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    if (Executor.isJava(step)) {
      String direction = Executor.verb(step);
      history.update(
          connection,
          row.withState(
              HistoryRow.State.FAILED, 0, direction + " failed in Java code: " + cause, 0));
      return new RetortException(
          ErrorCode.PARTIAL_MIGRATION,
          e.getMessage()
              + "; what the Java migration changed before it failed stays committed (no"
              + " transactional DDL here): finish or undo its work by hand, then 'retort resolve "
              + step.revision()
              + " --applied' or '--rolled-back'",
          e.getCause());
    }
    if (done == 0 && !resuming) {
      if (step.direction() == Step.Direction.UP) {
        history.delete(connection, row.revision());
      } else {
        history.update(connection, step.row());
      }
      return e;
    }
    String what = Executor.verb(step) + " failed at statement " + (done + 1) + ": " + cause;
    history.update(connection, row.withState(HistoryRow.State.FAILED, done, what, 0));
    String rev = step.revision();
    // A downgrade cannot be resumed; settling it by hand means the opposite of an upgrade's.
    String advice =
        step.direction() == Step.Direction.UP
            ? "fix the cause, then 'retort resolve "
                + rev
                + " --resume', or undo by hand and 'retort resolve "
                + rev
                + " --rolled-back'"
            : "finish the downgrade by hand, then 'retort resolve "
                + rev
                + " --rolled-back', or restore what it undid and 'retort resolve "
                + rev
                + " --applied'";
    return new RetortException(
        ErrorCode.PARTIAL_MIGRATION,
        e.getMessage()
            + "; "
            + done
            + " statement(s) before it were committed (it ran without a transaction): "
            + advice,
        e.getCause());
  }

  /**
   * Continues a failed migration from its failed statement, for a migration that ran without a
   * transaction and stopped half-way.
   */
  void resume(Connection connection, Migration migration, HistoryRow row) throws SQLException {
    Step step = new Step(Step.Direction.UP, migration.id(), migration, null);
    List<SqlStatement> statements =
        migration.isJava() ? List.of() : executor.split(step, migration.up());
    PreparedStep prepared = new PreparedStep(step, statements, migration.up());
    listener.stepStarted(step);
    long start = System.nanoTime();
    Progress progress = new Progress(row.statementsDone());
    withProgress(
        connection,
        step,
        row,
        progress,
        true,
        (pairs, p) -> {
          for (int i = p.done; i < statements.size(); i++) {
            executor.execute(connection, prepared, statements.get(i), i + 1);
            p.done++;
            history.update(connection, row.withState(HistoryRow.State.RUNNING, p.done, null, 0));
            commitIf(connection, pairs);
          }
          p.millis = row.durationMillis() + (System.nanoTime() - start) / 1_000_000;
          // The row now describes the file that was resumed, which the user may have fixed.
          history.update(
              connection,
              executor.rowFor(step, row.applyOrder(), p.millis, HistoryRow.State.APPLIED, p.done));
          commitIf(connection, pairs);
        });
    listener.stepFinished(step, Duration.ofMillis(progress.millis));
  }
}

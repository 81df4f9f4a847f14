package dev.retort.execute;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.split.SqlSplitException;
import dev.retort.dialect.split.SqlStatement;
import dev.retort.history.HistoryRow;
import dev.retort.history.HistoryTable;
import dev.retort.plan.Plan;
import dev.retort.plan.Step;
import dev.retort.source.Checksums;
import dev.retort.source.Migration;
import dev.retort.source.Script;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan on one connection, one migration at a time, each with its history row.
 *
 * <p>Where the database has transactional DDL and the migration allows a transaction, the
 * statements and the history row commit together: after a crash a migration is applied and
 * recorded, or neither. Otherwise (MySQL/MariaDB, or a migration marked {@code transaction false})
 * the history row is written first in state {@code running} and updated after every statement, so a
 * failure or a killed process leaves a record of exactly which statements ran.
 */
public final class Executor {
  private final Dialect dialect;
  private final HistoryTable history;
  private final RetortListener listener;
  private final String appliedBy;
  private final String toolVersion;

  public Executor(
      Dialect dialect,
      HistoryTable history,
      RetortListener listener,
      String appliedBy,
      String toolVersion) {
    this.dialect = dialect;
    this.history = history;
    this.listener = listener;
    this.appliedBy = appliedBy;
    this.toolVersion = toolVersion;
  }

  /** A step with its statements split up front, so a broken file fails before anything runs. */
  public record PreparedStep(Step step, List<SqlStatement> statements, Script script) {}

  /** Splits every step's SQL; throws for the first script that does not split. */
  public List<PreparedStep> prepare(Plan plan) {
    List<PreparedStep> out = new ArrayList<>();
    for (Step step : plan.steps()) {
      Script script = scriptOf(step);
      List<SqlStatement> statements = script == null ? List.of() : split(step, script);
      out.add(new PreparedStep(step, statements, script));
    }
    return out;
  }

  /**
   * Runs the prepared steps in order.
   *
   * @param nextOrder the apply order for the first applied revision
   * @return how long each step took
   */
  public List<Duration> run(Connection connection, List<PreparedStep> steps, long nextOrder)
      throws SQLException {
    List<Duration> took = new ArrayList<>();
    long order = nextOrder;
    for (PreparedStep prepared : steps) {
      Step step = prepared.step();
      listener.stepStarted(step);
      if (step.usesStoredDown() && step.direction() == Step.Direction.DOWN) {
        listener.notice(
            "revision "
                + step.revision()
                + ": "
                + (step.migration() == null
                    ? "its migration file is gone"
                    : "its migration has no down part")
                + "; running the down script stored in the history table");
      }
      long start = System.nanoTime();
      boolean transactional =
          dialect.transactionalDdl()
              && (step.migration() == null || step.migration().transactional());
      if (transactional) {
        runInTransaction(connection, prepared, order);
      } else {
        runWithProgress(connection, prepared, order);
      }
      Duration d = Duration.ofNanos(System.nanoTime() - start);
      took.add(d);
      listener.stepFinished(step, d);
      if (step.direction() == Step.Direction.UP) {
        order++;
      }
    }
    return took;
  }

  /** The history row an up step writes. */
  public HistoryRow rowFor(Step step, long order, long millis, HistoryRow.State state, int total) {
    Migration m = step.migration();
    return new HistoryRow(
        m.id(),
        m.parents(),
        m.description(),
        m.isJava() ? "java" : "sql",
        m.checksum(),
        Checksums.ALGORITHM,
        Instant.now().toString(),
        appliedBy,
        millis,
        toolVersion,
        m.isJava() || m.down() == null ? null : m.down().sql().strip(),
        order,
        state,
        total,
        state == HistoryRow.State.APPLIED ? total : 0,
        null,
        m.origin());
  }

  private void runInTransaction(Connection connection, PreparedStep prepared, long order)
      throws SQLException {
    Step step = prepared.step();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    Dialect.TransactionGuard guard = dialect.guardTransaction(connection);
    connection.setAutoCommit(false);
    long start = System.nanoTime();
    try {
      int index = 0;
      if (step.migration() != null && step.migration().isJava()) {
        runJava(connection, step);
      } else {
        for (SqlStatement statement : prepared.statements()) {
          index++;
          execute(connection, prepared, statement, index);
        }
      }
      if (step.direction() == Step.Direction.UP) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        history.insert(
            connection,
            rowFor(step, order, millis, HistoryRow.State.APPLIED, prepared.statements().size()));
      } else {
        history.delete(connection, step.revision());
      }
      try {
        guard.beforeCommit(connection);
      } catch (SQLException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            (step.direction() == Step.Direction.UP ? "upgrade" : "downgrade")
                + " of "
                + step.revision()
                + " ("
                + step.origin()
                + ") failed: "
                + e.getMessage(),
            e);
      }
      connection.commit();
    } catch (RetortException e) {
      rollbackQuietly(connection, e);
      throw new RetortException(
          e.code(),
          e.getMessage() + "; this migration was rolled back, earlier ones stay applied",
          e.getCause());
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(true);
      guard.restore(connection);
      connection.setAutoCommit(autoCommit);
    }
  }

  private void runWithProgress(Connection connection, PreparedStep prepared, long order)
      throws SQLException {
    Step step = prepared.step();
    connection.setAutoCommit(true);
    int total = prepared.statements().size();
    long start = System.nanoTime();
    HistoryRow row =
        step.direction() == Step.Direction.UP
            ? rowFor(step, order, 0, HistoryRow.State.RUNNING, total)
            : step.row();
    if (step.direction() == Step.Direction.UP) {
      history.insert(connection, row);
    }
    int done = 0;
    try {
      if (step.migration() != null && step.migration().isJava()) {
        runJava(connection, step);
      } else {
        for (SqlStatement statement : prepared.statements()) {
          execute(connection, prepared, statement, done + 1);
          done++;
          if (step.direction() == Step.Direction.UP) {
            history.update(connection, row.withState(HistoryRow.State.RUNNING, done, null, 0));
          }
        }
      }
    } catch (RetortException e) {
      recordFailure(connection, step, row, done, e);
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (step.direction() == Step.Direction.UP) {
      history.update(connection, row.withState(HistoryRow.State.APPLIED, total, null, millis));
    } else {
      history.delete(connection, step.revision());
    }
  }

  /**
   * Records a failure of a migration that ran without a transaction. When no statement had run the
   * database is unchanged, so the row goes away and the failure is a plain one.
   */
  private void recordFailure(
      Connection connection, Step step, HistoryRow row, int done, RetortException e)
      throws SQLException {
    String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    if (step.direction() == Step.Direction.UP && done == 0) {
      history.delete(connection, row.revision());
      return;
    }
    String what =
        (step.direction() == Step.Direction.UP ? "upgrade" : "downgrade")
            + " failed at statement "
            + (done + 1)
            + ": "
            + cause;
    history.update(connection, row.withState(HistoryRow.State.FAILED, done, what, 0));
    throw new RetortException(
        ErrorCode.PARTIAL_MIGRATION,
        e.getMessage()
            + "; "
            + done
            + " statement(s) before it were committed (no transactional DDL here): fix the"
            + " cause, then 'retort resolve "
            + step.revision()
            + " --resume', or undo by hand and 'retort resolve "
            + step.revision()
            + " --rolled-back'",
        e.getCause());
  }

  /**
   * Continues a failed migration from its failed statement, for a migration that ran without a
   * transaction and stopped half-way.
   */
  public void resume(Connection connection, Migration migration, HistoryRow row)
      throws SQLException {
    Step step = new Step(Step.Direction.UP, migration.id(), migration, null);
    List<SqlStatement> statements = migration.isJava() ? List.of() : split(step, migration.up());
    PreparedStep prepared = new PreparedStep(step, statements, migration.up());
    connection.setAutoCommit(true);
    listener.stepStarted(step);
    long start = System.nanoTime();
    int done = row.statementsDone();
    try {
      for (int i = done; i < statements.size(); i++) {
        execute(connection, prepared, statements.get(i), i + 1);
        done++;
        history.update(connection, row.withState(HistoryRow.State.RUNNING, done, null, 0));
      }
    } catch (RetortException e) {
      recordFailure(connection, step, row, Math.max(done, 1), e);
      throw e;
    }
    long millis = row.durationMillis() + (System.nanoTime() - start) / 1_000_000;
    // The row now describes the file that was resumed, which the user may have fixed.
    history.update(
        connection, rowFor(step, row.applyOrder(), millis, HistoryRow.State.APPLIED, done));
    listener.stepFinished(step, Duration.ofMillis(millis));
  }

  private void execute(
      Connection connection, PreparedStep prepared, SqlStatement statement, int index) {
    try (Statement st = connection.createStatement()) {
      st.execute(statement.sql());
    } catch (SQLException e) {
      Step step = prepared.step();
      int line = prepared.script().firstLine() + statement.line() - 1;
      String where = step.usesStoredDown() ? "stored down script of " : "";
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          (step.direction() == Step.Direction.UP ? "upgrade" : "downgrade")
              + " of "
              + step.revision()
              + " failed: "
              + where
              + step.origin()
              + ":"
              + line
              + ", statement "
              + index
              + " of "
              + prepared.statements().size()
              + ": "
              + SqlErrors.message(e),
          e);
    }
  }

  private static void runJava(Connection connection, Step step) {
    Migration m = step.migration();
    try {
      if (step.direction() == Step.Direction.UP) {
        m.java().up(connection);
      } else {
        m.java().down(connection);
      }
    } catch (Exception e) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          (step.direction() == Step.Direction.UP ? "upgrade" : "downgrade")
              + " of "
              + m.id()
              + " failed in "
              + m.origin()
              + ": "
              + oneLine(String.valueOf(e.getMessage())),
          e);
    }
  }

  private Script scriptOf(Step step) {
    Migration m = step.migration();
    if (step.direction() == Step.Direction.UP) {
      return m.isJava() ? null : m.up();
    }
    if (step.usesStoredDown()) {
      return new Script(step.row().downScript(), 1);
    }
    return m.isJava() ? null : m.down();
  }

  private List<SqlStatement> split(Step step, Script script) {
    try {
      return dialect.splitter().split(script.sql());
    } catch (SqlSplitException e) {
      int line = script.firstLine() + e.line() - 1;
      throw new RetortException(
          ErrorCode.MIGRATION_SOURCE, step.origin() + ":" + line + ": " + e.problem(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Database messages can span lines (PostgreSQL adds Detail/Where); keep them on one line. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}

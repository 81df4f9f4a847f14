package dev.retort.execute;

import dev.retort.ErrorCode;
import dev.retort.MigrationContext;
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
import java.sql.Savepoint;
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
 * recorded, or neither. Where the dialect says commits are dear (SQLite), consecutive migrations
 * share a transaction for a moment, each in a savepoint ({@link CommitGroup}); a failure still
 * rolls back just the failing migration. Where the dialect can (PostgreSQL), those commits skip the
 * wait for the disk and one commit at the end waits for all of them ({@link DeferredCommits}), and
 * consecutive migrations go to the server in one batch, each still in a transaction of its own
 * ({@link Pipeline}). Otherwise (MySQL/MariaDB, or a migration marked {@code transaction false})
 * the history row is written first in state {@code running} and updated after every statement, so a
 * failure or a killed process leaves a record of exactly which statements ran.
 */
public final class Executor {
  private final Dialect dialect;
  private final HistoryTable history;
  private final RetortListener listener;
  private final String appliedBy;
  private final String toolVersion;

  /** How long consecutive migrations may share a transaction; see {@link CommitGroup}. */
  private final Duration commitGroup;

  /** The commits of the run in progress that do not wait for the disk, or null. */
  private DeferredCommits deferred;

  /** Where the driver sends a batch in one round trip, how a migration's end goes out; or null. */
  private final FinalBatch finalBatch;

  /** Where consecutive migrations go in one batch for the run in progress, or null. */
  private Pipeline pipeline;

  /** Migrations that run without a transaction, with their progress recorded. */
  private final ProgressRun progress;

  /**
   * @param commitGroup how long consecutive migrations may share a transaction, or null for the
   *     dialect's default ({@link Dialect#commitGroupWindow()})
   */
  public Executor(
      Dialect dialect,
      HistoryTable history,
      RetortListener listener,
      String appliedBy,
      String toolVersion,
      Duration commitGroup) {
    this.dialect = dialect;
    this.history = history;
    this.listener = listener;
    this.appliedBy = appliedBy;
    this.toolVersion = toolVersion;
    this.commitGroup = commitGroup != null ? commitGroup : dialect.commitGroupWindow();
    this.finalBatch = dialect.elapsedMillisSql() != null ? new FinalBatch() : null;
    this.progress = new ProgressRun(this, dialect, history, listener);
  }

  /** A step with its statements split up front, so a broken file fails before anything runs. */
  public record PreparedStep(Step step, List<SqlStatement> statements, Script script) {}

  /** Splits every step's SQL; throws for the first script that does not split. */
  public List<PreparedStep> prepare(Plan plan) {
    List<PreparedStep> out = new ArrayList<>();
    for (Step step : plan.steps()) {
      Script script = scriptOf(step);
      List<SqlStatement> statements = script == null ? List.of() : split(step, script);
      if (inTransaction(step)) {
        refuseTransactionControl(step, script, statements);
      }
      out.add(new PreparedStep(step, statements, script));
    }
    return out;
  }

  /** Whether a step runs in one transaction together with its history row. */
  private boolean inTransaction(Step step) {
    return runsInTransaction(dialect, step);
  }

  /**
   * The first line of a stored down script whose migration runs without a transaction. The history
   * table has no column for the flag; the script carries it, so that a downgrade after the file is
   * gone runs the script the way the file said (DROP INDEX CONCURRENTLY refuses a transaction). A
   * comment, so the script reads and runs the same either way.
   */
  static final String NO_TRANSACTION_MARK = "-- retort:transaction false\n";

  /** The down script as stored in the history table, or null. */
  static String storedDown(Migration m) {
    if (m.isJava() || m.down() == null) {
      return null;
    }
    String sql = m.down().sql().strip();
    return m.transactional() || sql.isEmpty() ? sql : NO_TRANSACTION_MARK + sql;
  }

  /**
   * Whether a step runs in one transaction with its history row: on a database with transactional
   * DDL, unless its migration (or, when its file is gone, its stored down script) says otherwise.
   */
  static boolean runsInTransaction(Dialect dialect, Step step) {
    if (!dialect.transactionalDdl()) {
      return false;
    }
    if (step.migration() != null) {
      return step.migration().transactional();
    }
    String stored = step.row() == null ? null : step.row().downScript();
    return stored == null || !stored.startsWith(NO_TRANSACTION_MARK);
  }

  /**
   * A script's own BEGIN/COMMIT would end the transaction Retort opened: on PostgreSQL the
   * statements before a COMMIT stay committed when a later one fails, breaking the promise that a
   * migration and its history row commit together.
   */
  private static void refuseTransactionControl(
      Step step, Script script, List<SqlStatement> statements) {
    for (SqlStatement statement : statements) {
      String verb = TransactionControl.verb(statement.sql());
      if (verb != null) {
        int line = script.firstLine() + statement.line() - 1;
        throw new RetortException(
            ErrorCode.MIGRATION_SOURCE,
            (step.usesStoredDown() ? "stored down script of " : "")
                + step.origin()
                + ":"
                + line
                + ": "
                + verb
                + " inside a migration that runs in a transaction; remove it, or mark the"
                + " migration '-- retort:transaction false'");
      }
    }
  }

  /**
   * Runs the prepared steps in order.
   *
   * @param nextOrder the apply order for the first applied revision
   * @return how long each step took
   */
  public List<Duration> run(Connection connection, List<PreparedStep> steps, long nextOrder)
      throws SQLException {
    deferred = DeferredCommits.start(dialect, connection, steps, !commitGroup.isZero());
    // Asked only where a batch could form: the driver's mode is looked up by reflection.
    pipeline =
        steps.size() >= 2
                && finalBatch != null
                && commitGroup.isZero()
                && dialect.pipelinesBatches(connection)
            ? new Pipeline(this, dialect, history)
            : null;
    try {
      List<Duration> took;
      try {
        took = runSteps(connection, steps, nextOrder);
      } catch (Throwable e) {
        RetortException worse = endDeferredAfter(connection, e);
        if (worse != null) {
          throw worse;
        }
        throw e;
      }
      endDeferred(connection);
      return took;
    } finally {
      deferred = null;
      pipeline = null;
    }
  }

  /**
   * Ends the deferred commits of a run that succeeded. If the commit that waits fails, what the run
   * reported applied may not be on disk.
   */
  private void endDeferred(Connection connection) throws SQLException {
    if (deferred == null) {
      return;
    }
    try {
      deferred.end(connection, history);
    } catch (SQLException | RuntimeException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "the migrations were applied, but the database failed before confirming they are on"
              + " disk: "
              + causeOf(e)
              + "; if its server crashed or failed over, the newest may be gone: 'retort status'"
              + " shows what is applied, and 'retort upgrade' applies the rest",
          e);
    }
  }

  /**
   * Ends the deferred commits of a run that failed with {@code failure}. If the commit that waits
   * fails too, the failure's "earlier ones stay applied" may not hold: returns the failure with
   * that said, or null to throw the failure as it is.
   */
  private RetortException endDeferredAfter(Connection connection, Throwable failure) {
    if (deferred == null) {
      return null;
    }
    try {
      deferred.end(connection, history);
      return null;
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      if (!(failure instanceof RetortException retort)) {
        return null;
      }
      RetortException worse =
          new RetortException(
              retort.code(),
              retort.getMessage()
                  + "; then the database failed before confirming that the migrations before it"
                  + " are on disk ("
                  + causeOf(e)
                  + "): if its server crashed or failed over, some may be gone, so check 'retort"
                  + " status'",
              retort.getCause());
      for (Throwable suppressed : retort.getSuppressed()) {
        worse.addSuppressed(suppressed);
      }
      return worse;
    }
  }

  private static String causeOf(Exception e) {
    return e instanceof SQLException sql ? SqlErrors.message(sql) : e.getMessage();
  }

  private List<Duration> runSteps(Connection connection, List<PreparedStep> steps, long nextOrder)
      throws SQLException {
    List<Duration> took = new ArrayList<>();
    long order = nextOrder;
    CommitGroup group = null;
    try {
      for (int i = 0; i < steps.size(); i++) {
        // A pipeline exists only without a commit group window, so no group is open here.
        int batchable = pipeline != null ? pipeline.batchable(steps, i) : 0;
        if (batchable >= 2) {
          Pipeline.Sent sent = runBatch(connection, steps.subList(i, i + batchable), order);
          took.addAll(sent.took());
          order += sent.committed();
          i += sent.committed() - 1;
          continue;
        }
        PreparedStep prepared = steps.get(i);
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
        if (inTransaction(step)) {
          if (group == null) {
            group = CommitGroup.open(connection, dialect);
          }
          took.add(runInGroup(connection, group, prepared, order));
          Step next = i + 1 < steps.size() ? steps.get(i + 1).step() : null;
          if (!staysOpen(group, step, next)) {
            CommitGroup done = group;
            group = null;
            commit(connection, done, null);
          }
        } else {
          if (deferred != null) {
            // It runs as the session is set up: its history is written statement by statement,
            // and deleted again if its first statement fails, so the rewrite cannot wait for it.
            deferred.end(connection, history);
          }
          long start = System.nanoTime();
          progress.run(connection, prepared, order);
          Duration d = Duration.ofNanos(System.nanoTime() - start);
          took.add(d);
          listener.stepFinished(step, d);
        }
        if (step.direction() == Step.Direction.UP) {
          order++;
        }
      }
    } catch (Throwable e) {
      // Something outside a migration failed (a listener, say) with a group open: its migrations
      // all succeeded, so they commit as they would have.
      if (group != null && group.isOpen()) {
        try {
          commit(connection, group, e);
        } catch (SQLException | RuntimeException commitFailure) {
          e.addSuppressed(commitFailure);
        }
      }
      throw e;
    }
    return took;
  }

  /** Sends a batch of migrations ({@link Pipeline}) and reports the ones that committed. */
  private Pipeline.Sent runBatch(Connection connection, List<PreparedStep> batch, long order)
      throws SQLException {
    for (PreparedStep prepared : batch) {
      listener.stepStarted(prepared.step());
    }
    Pipeline.Sent sent = pipeline.send(connection, batch, order);
    List<Step> done = new ArrayList<>(sent.committed());
    for (int k = 0; k < sent.committed(); k++) {
      done.add(batch.get(k).step());
    }
    noteCommitted(done);
    finished(done, sent.took(), sent.failure());
    if (sent.failure() != null) {
      throw sent.failure();
    }
    if (sent.stray() != null) {
      listener.notice(
          "the database reported an error after the batch from "
              + batch.get(0).step().revision()
              + " to "
              + batch.get(batch.size() - 1).step().revision()
              + " had committed, which is kept: "
              + SqlErrors.message(sent.stray()));
    }
    return sent;
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
        storedDown(m),
        order,
        state,
        total,
        state == HistoryRow.State.APPLIED ? total : 0,
        null,
        m.origin());
  }

  /**
   * The row of a migration that the user finished by hand ({@code resolve --applied}). With the
   * file at hand the row describes it as it is now, checksum and down script included (as a resume
   * does): the user may have fixed the file, and the next validate and downgrade must see the fix.
   * Without it the row keeps what it recorded.
   */
  public HistoryRow settledAsApplied(Migration migration, HistoryRow row) {
    if (migration == null) {
      return row.withState(
          HistoryRow.State.APPLIED, row.statementsTotal(), null, row.durationMillis());
    }
    Step step = new Step(Step.Direction.UP, migration.id(), migration, null);
    int total = migration.isJava() ? 0 : split(step, migration.up()).size();
    return rowFor(step, row.applyOrder(), row.durationMillis(), HistoryRow.State.APPLIED, total);
  }

  /**
   * Whether the next step joins the open group rather than start after its commit. Java migrations
   * run alone, in a transaction of their own: their code holds the connection and could end a
   * shared transaction.
   */
  private boolean staysOpen(CommitGroup group, Step step, Step next) {
    return next != null
        && !commitGroup.isZero()
        && inTransaction(next)
        && !isJava(step)
        && !isJava(next)
        && !group.due(commitGroup);
  }

  static boolean isJava(Step step) {
    return step.migration() != null && step.migration().isJava();
  }

  /**
   * Runs one step in the open group, with its history row. On failure the step rolls back alone,
   * the group's earlier steps commit, and the group is closed.
   *
   * @return how long the step took
   */
  private Duration runInGroup(
      Connection connection, CommitGroup group, PreparedStep prepared, long order)
      throws SQLException {
    Step step = prepared.step();
    long start = System.nanoTime();
    Savepoint mark = null;
    try {
      mark = group.mark();
      List<SqlStatement> statements = prepared.statements();
      // The first migration of its transaction only: the server's duration counts from its start.
      boolean batched =
          finalBatch != null
              && !isJava(step)
              && mark == null
              && group.guard() == Dialect.TransactionGuard.NONE
              && FinalBatch.canCarry(statements);
      if (isJava(step)) {
        runJava(connection, step);
      } else {
        int alone = batched ? statements.size() - 1 : statements.size();
        for (int i = 0; i < alone; i++) {
          execute(connection, prepared, statements.get(i), i + 1);
        }
      }
      if (batched) {
        endInBatch(connection, group, prepared, order);
      } else if (step.direction() == Step.Direction.UP) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        history.insert(
            connection,
            rowFor(step, order, millis, HistoryRow.State.APPLIED, prepared.statements().size()));
      } else {
        history.delete(connection, step.revision());
      }
      try {
        group.guard().beforeCommit(connection);
      } catch (SQLException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            verb(step)
                + " of "
                + step.revision()
                + " ("
                + step.origin()
                + ") failed: "
                + SqlErrors.message(e),
            e);
      }
      Duration d = Duration.ofNanos(System.nanoTime() - start);
      group.finished(mark, step, d);
      return d;
    } catch (RetortException e) {
      String outcome = failInGroup(connection, group, mark, step, e);
      RetortException failed =
          new RetortException(
              e.code(),
              e.getMessage()
                  + (step.direction() == Step.Direction.UP
                      ? "; this migration was rolled back, "
                      : "; this downgrade was rolled back, ")
                  + outcome,
              e.getCause());
      for (Throwable cleanup : e.getSuppressed()) {
        failed.addSuppressed(cleanup);
      }
      throw failed;
    } catch (SQLException | RuntimeException e) {
      String outcome = failInGroup(connection, group, mark, step, e);
      if (!outcome.equals(CommitGroup.kept(step))) {
        // Not a plain failure of this step: say what became of the group's earlier steps.
        RetortException failed =
            new RetortException(
                ErrorCode.DATABASE,
                verb(step)
                    + " of "
                    + step.revision()
                    + " failed: database error: "
                    + causeOf(e)
                    + "; it was rolled back, "
                    + outcome,
                e);
        throw failed;
      }
      throw e;
    }
  }

  /**
   * Sends a step's last statement with its history write, and with its commit when the step commits
   * alone (see {@link FinalBatch}). A failed commit is left for the group's commit to report.
   */
  private void endInBatch(
      Connection connection, CommitGroup group, PreparedStep prepared, long order)
      throws SQLException {
    Step step = prepared.step();
    List<SqlStatement> statements = prepared.statements();
    String write =
        step.direction() == Step.Direction.UP
            ? history.insertSql(
                rowFor(step, order, 0, HistoryRow.State.APPLIED, statements.size()),
                dialect.elapsedMillisSql())
            : history.deleteSql(step.revision());
    // With no window the group commits right after its first step, which this is.
    boolean commit = commitGroup.isZero();
    SqlStatement last = statements.get(statements.size() - 1);
    FinalBatch.Failure failure = finalBatch.send(connection, last.sql(), write, commit);
    if (failure != null) {
      int index = statements.size();
      switch (failure.where()) {
        case STATEMENT -> throw statementFailed(prepared, last, index, failure.cause(), "");
        case UNPLACED ->
            throw statementFailed(
                prepared,
                last,
                index,
                failure.cause(),
                (commit
                        ? " (or the history write or the commit sent with it:"
                        : " (or the history write sent with it:")
                    + " the driver's error did not say which)");
        case HISTORY -> throw failure.cause();
        case COMMIT -> {} // the group's commit reports it
      }
    }
    if (commit) {
      group.commitSent(failure == null ? null : failure.cause());
    }
  }

  static String verb(Step step) {
    return step.direction() == Step.Direction.UP ? "upgrade" : "downgrade";
  }

  /**
   * Rolls back the step that failed, commits the group's earlier steps and closes the group.
   *
   * @return what became of the earlier steps, as the end of the error message
   */
  private String failInGroup(
      Connection connection, CommitGroup group, Savepoint mark, Step step, Exception failure)
      throws SQLException {
    List<Step> earlier = group.steps();
    String outcome = CommitGroup.kept(step);
    if (earlier.isEmpty()) {
      rollbackQuietly(connection, failure);
    } else {
      try {
        if (mark == null) {
          throw new SQLException("no savepoint to roll back to");
        }
        group.rollbackTo(mark);
      } catch (SQLException | RuntimeException e) {
        // The transaction is gone (the connection, or a statement that ended it): all of it.
        failure.addSuppressed(e);
        rollbackQuietly(connection, failure);
        outcome = group.lost();
        earlier = List.of();
      }
      if (!earlier.isEmpty()) {
        try {
          group.commit();
          noteCommitted(earlier);
        } catch (SQLException | RuntimeException e) {
          failure.addSuppressed(e);
          if (connectionLost(connection, e)) {
            outcome = group.unknown();
          } else {
            rollbackQuietly(connection, failure);
            outcome = group.lost();
          }
          earlier = List.of();
        }
      }
    }
    group.close(new Cleanups(failure));
    finished(earlier, group.took(), failure);
    return outcome;
  }

  /**
   * Commits a group and reports its steps done. A commit that fails rolls all of them back, unless
   * the connection was lost: then whether the commit went through is unknown, and the error says
   * so.
   *
   * @param failure what already went wrong before the commit (listener errors are added to it), or
   *     null
   */
  private void commit(Connection connection, CommitGroup group, Throwable failure)
      throws SQLException {
    RetortException commitFailure = null;
    try {
      group.commit();
      noteCommitted(group.steps());
    } catch (SQLException | RuntimeException e) {
      String cause = causeOf(e);
      commitFailure =
          connectionLost(connection, e)
              ? new RetortException(
                  ErrorCode.DATABASE,
                  "commit of "
                      + group.describe()
                      + " failed: "
                      + cause
                      + "; the connection was lost during the commit, so whether it went through"
                      + " is unknown: 'retort status' shows what is applied",
                  e)
              : new RetortException(
                  ErrorCode.MIGRATION_FAILED, CommitGroup.commitFailed(group.steps(), cause), e);
      rollbackQuietly(connection, commitFailure);
    }
    Throwable first = failure != null ? failure : commitFailure;
    group.close(new Cleanups(first));
    if (commitFailure != null) {
      throw commitFailure;
    }
    finished(group.steps(), group.took(), failure);
  }

  private void noteCommitted(List<Step> steps) {
    if (deferred != null) {
      for (Step step : steps) {
        deferred.committed(step);
      }
    }
  }

  /**
   * Whether a failed commit may have gone through: the connection broke (SQL state class 08) or no
   * longer answers, so the server's reply never came.
   */
  static boolean connectionLost(Connection connection, Exception e) {
    if (e instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08")) {
      return true;
    }
    try {
      return !connection.isValid(2);
    } catch (SQLException | RuntimeException invalid) {
      return true;
    }
  }

  /**
   * Tells the listener that steps committed. With an error already on its way, a listener's own
   * error is added to it rather than replacing it.
   */
  private void finished(List<Step> steps, List<Duration> took, Throwable failure) {
    for (int i = 0; i < steps.size(); i++) {
      try {
        listener.stepFinished(steps.get(i), took.get(i));
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }

  /** One step of restoring the connection after a migration. */
  interface Cleanup {
    void run() throws SQLException;
  }

  /**
   * Cleanup steps after a migration, which already failed when {@code failure} is not null: then a
   * cleanup failure is added to that error as suppressed instead of replacing it.
   */
  record Cleanups(Throwable failure) {
    void run(Cleanup cleanup) throws SQLException {
      try {
        cleanup.run();
      } catch (SQLException | RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Continues a failed migration from its failed statement, for a migration that ran without a
   * transaction and stopped half-way.
   */
  public void resume(Connection connection, Migration migration, HistoryRow row)
      throws SQLException {
    progress.resume(connection, migration, row);
  }

  void execute(Connection connection, PreparedStep prepared, SqlStatement statement, int index) {
    try (Statement st = connection.createStatement()) {
      st.execute(statement.sql());
    } catch (SQLException e) {
      throw statementFailed(prepared, statement, index, e, "");
    }
  }

  /**
   * The error of a step's statement, naming its file, line and place in the step; {@code after}
   * ends the message.
   */
  static RetortException statementFailed(
      PreparedStep prepared, SqlStatement statement, int index, SQLException e, String after) {
    Step step = prepared.step();
    int line = prepared.script().firstLine() + statement.line() - 1;
    String where = step.usesStoredDown() ? "stored down script of " : "";
    return new RetortException(
        ErrorCode.MIGRATION_FAILED,
        verb(step)
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
            + SqlErrors.message(e)
            + after,
        e);
  }

  void runJava(Connection connection, Step step) {
    Migration m = step.migration();
    MigrationContext context = new MigrationContext(listener);
    try {
      if (step.direction() == Step.Direction.UP) {
        m.java().up(connection, context);
      } else {
        m.java().down(connection, context);
      }
    } catch (Exception e) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          verb(step)
              + " of "
              + m.id()
              + " failed in "
              + m.origin()
              + ": "
              + SqlErrors.oneLine(String.valueOf(e.getMessage())),
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

  List<SqlStatement> split(Step step, Script script) {
    try {
      return dialect.splitter().split(script.sql());
    } catch (SqlSplitException e) {
      int line = script.firstLine() + e.line() - 1;
      throw new RetortException(
          ErrorCode.MIGRATION_SOURCE, step.origin() + ":" + line + ": " + e.problem(), e);
    }
  }

  static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}

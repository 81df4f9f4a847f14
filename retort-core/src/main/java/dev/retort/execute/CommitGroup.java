package dev.retort.execute;

import dev.retort.dialect.Dialect;
import dev.retort.plan.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction shared by consecutive migrations of a run, each in a savepoint of its own, where
 * the dialect allows it ({@link Dialect#commitGroupWindow()}).
 *
 * <p>What a failure leaves behind is what a transaction for each migration would leave: the failing
 * migration rolls back to its savepoint and the ones before it commit. Only a crash differs: it
 * loses the group's migrations that had not yet committed, which leaves the history and the schema
 * consistent, and the next upgrade applies them again. In exchange a run pays one commit (on SQLite
 * a journal written and synced) per group instead of one per migration.
 */
final class CommitGroup {
  private final Connection connection;
  private final Dialect.TransactionGuard guard;
  private final boolean autoCommit;
  private final long opened = System.nanoTime();
  private final List<Step> steps = new ArrayList<>();
  private final List<Duration> took = new ArrayList<>();
  private boolean closed;
  private boolean commitSent;
  private SQLException sentCommitFailure;

  private CommitGroup(Connection connection, Dialect.TransactionGuard guard, boolean autoCommit) {
    this.connection = connection;
    this.guard = guard;
    this.autoCommit = autoCommit;
  }

  /** Begins the transaction, with the dialect's guard set up while still in autocommit mode. */
  static CommitGroup open(Connection connection, Dialect dialect) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    Dialect.TransactionGuard guard = dialect.guardTransaction(connection);
    try {
      connection.setAutoCommit(false);
    } catch (SQLException | RuntimeException e) {
      guard.restore(connection);
      throw e;
    }
    return new CommitGroup(connection, guard, autoCommit);
  }

  boolean isOpen() {
    return !closed;
  }

  Dialect.TransactionGuard guard() {
    return guard;
  }

  /**
   * Marks where the next migration begins, so that it can roll back alone. The first migration of a
   * group needs none: rolling back the whole transaction rolls back just that migration.
   */
  Savepoint mark() throws SQLException {
    return steps.isEmpty() ? null : connection.setSavepoint();
  }

  /** Ends a migration that succeeded: its changes stay in the transaction until the commit. */
  void finished(Savepoint mark, Step step, Duration d) throws SQLException {
    if (mark != null) {
      connection.releaseSavepoint(mark);
    }
    steps.add(step);
    took.add(d);
  }

  /** Whether the group has been open for the window or longer. */
  boolean due(Duration window) {
    return System.nanoTime() - opened >= window.toNanos();
  }

  /** The migrations that will commit with the group, in order. */
  List<Step> steps() {
    return steps;
  }

  /** How long each migration of {@link #steps()} took, without the commit. */
  List<Duration> took() {
    return took;
  }

  /**
   * Commits, unless the COMMIT already went out with the last migration's statements ({@link
   * #commitSent}): then reports how that went.
   */
  void commit() throws SQLException {
    if (!commitSent) {
      connection.commit();
    } else if (sentCommitFailure != null) {
      throw sentCommitFailure;
    }
  }

  /**
   * Records that a {@link FinalBatch} carried the commit, and its failure or null: {@link #commit}
   * then sends nothing and reports that failure, as if its own commit had failed.
   */
  void commitSent(SQLException failure) {
    commitSent = true;
    sentCommitFailure = failure;
  }

  /** Rolls back to a mark of {@link #mark()}: the migration after it, not the ones before. */
  void rollbackTo(Savepoint mark) throws SQLException {
    connection.rollback(mark);
  }

  /** The group's steps as an error message names them. */
  String describe() {
    return describe(steps);
  }

  private static String describe(List<Step> steps) {
    Step first = steps.get(0);
    Step last = steps.get(steps.size() - 1);
    String what =
        steps.size() == 1
            ? first.revision() + " (" + first.origin() + ")"
            : steps.size() + " migrations, " + first.revision() + " to " + last.revision();
    return first.direction() == Step.Direction.UP ? what : "the downgrade of " + what;
  }

  private Step last() {
    return steps.get(steps.size() - 1);
  }

  /**
   * The message of a commit of {@code steps} (a group's, or one migration's in a batch) that failed
   * with {@code cause} and rolled them back.
   */
  static String commitFailed(List<Step> steps, String cause) {
    return "commit of " + describe(steps) + " failed: " + cause + "; " + undone(steps.get(0));
  }

  /** The end of the message of a step that failed alone: the steps before it are done. */
  static String kept(Step step) {
    return step.direction() == Step.Direction.UP
        ? "earlier ones stay applied"
        : "earlier ones stay reverted";
  }

  /** The end of a message when a rollback took the whole group with it. */
  String lost() {
    return steps.get(0).direction() == Step.Direction.UP
        ? "and so were the "
            + range()
            + ", which apply again on the next upgrade; earlier ones stay applied"
        : "and so were the downgrades of the "
            + range()
            + ", which stay applied; earlier ones stay reverted";
  }

  /** The end of a message when the commit of the group's earlier steps may or may not have gone. */
  String unknown() {
    return "and the connection was lost while the "
        + range()
        + " committed, so whether they did is unknown: 'retort status' shows what is applied";
  }

  /** The end of the message of a commit that failed and rolled back. */
  private static String undone(Step first) {
    return first.direction() == Step.Direction.UP
        ? "rolled back, earlier ones stay applied"
        : "rolled back (these stay applied), earlier ones stay reverted";
  }

  private String range() {
    return steps.size() == 1
        ? "migration before it in the same transaction (" + steps.get(0).revision() + ")"
        : steps.size()
            + " migrations before it in the same transaction ("
            + steps.get(0).revision()
            + " to "
            + last().revision()
            + ")";
  }

  /** Puts the connection back as {@link #open} found it; runs after the commit or rollback. */
  void close(Executor.Cleanups cleanups) throws SQLException {
    closed = true;
    cleanups.run(() -> connection.setAutoCommit(true));
    cleanups.run(() -> guard.restore(connection));
    cleanups.run(() -> connection.setAutoCommit(autoCommit));
  }
}

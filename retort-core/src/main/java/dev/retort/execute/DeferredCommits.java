package dev.retort.execute;

import dev.retort.dialect.Dialect;
import dev.retort.history.HistoryTable;
import dev.retort.plan.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The part of an upgrade whose commits do not wait for the disk ({@link Dialect#deferFlush}), and
 * the one commit that ends it and does wait: it rewrites the history row of the last migration
 * committed meanwhile, and so makes that commit and every one before it durable.
 *
 * <p>Only migrations that commit on their own, each with the insert of its history row, run in this
 * part: it ends before the first migration without a transaction (whose history is written
 * statement by statement, and may be deleted again), and at the end of the run, whether it
 * succeeded or failed. So the row it rewrites is always there.
 */
final class DeferredCommits {
  private final Dialect.DeferredFlush setting;
  private boolean active = true;
  private String lastCommitted;

  private DeferredCommits(Dialect.DeferredFlush setting) {
    this.setting = setting;
  }

  /**
   * Starts deferring, or returns null where it saves nothing: a downgrade (rare, and short), fewer
   * than two commits, a commit group (which already commits less), or a dialect that cannot.
   */
  static DeferredCommits start(
      Dialect dialect, Connection connection, List<Executor.PreparedStep> steps, boolean grouped)
      throws SQLException {
    if (grouped) {
      return null;
    }
    int separateCommits = 0;
    for (Executor.PreparedStep prepared : steps) {
      Step step = prepared.step();
      if (step.direction() == Step.Direction.UP && Executor.runsInTransaction(dialect, step)) {
        separateCommits++;
      }
    }
    if (separateCommits < 2) {
      return null;
    }
    Dialect.DeferredFlush setting = dialect.deferFlush(connection);
    return setting == null ? null : new DeferredCommits(setting);
  }

  /** Notes a step whose commit went through while deferring. */
  void committed(Step step) {
    if (active && step.direction() == Step.Direction.UP) {
      lastCommitted = step.revision();
    }
  }

  /**
   * Puts the session's setting back and, if anything committed meanwhile, rewrites the last such
   * history row in a commit that waits for the disk. Does nothing the second time.
   */
  void end(Connection connection, HistoryTable history) throws SQLException {
    if (!active) {
      return;
    }
    active = false;
    connection.setAutoCommit(true);
    setting.restore(connection);
    if (lastCommitted != null) {
      history.rewrite(connection, lastCommitted);
    }
  }
}

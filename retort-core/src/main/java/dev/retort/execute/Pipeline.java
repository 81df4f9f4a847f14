package dev.retort.execute;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.split.SqlStatement;
import dev.retort.history.HistoryRow;
import dev.retort.history.HistoryTable;
import dev.retort.plan.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consecutive migrations sent to the server in one JDBC batch, where the driver sends a batch in
 * one round trip and the server runs nothing after an entry that fails ({@link
 * Dialect#pipelinesBatches}: PostgreSQL with pgjdbc's default query mode). Each migration still
 * runs between a BEGIN and a COMMIT of its own, with its history row, and the server commits it as
 * soon as it gets there: what commits, what a failure rolls back and how long locks are held are
 * the same as one migration at a time. What changes is the round trips: one per batch instead of
 * two per migration, a good part of the time of a run of small migrations.
 *
 * <p>When an entry fails, the migrations before the failed one have committed, which the history
 * table tells; the failed one then runs again on its own, statement by statement, so that its error
 * names its statement and line exactly, as without a batch (or it applies, if what failed was
 * passing, such as a deadlock or a lock timeout).
 *
 * <p>Only up-migrations of SQL whose every statement returns no rows ({@link FinalBatch#rowless})
 * go in a batch. A batch holds two at first and twice as many after each that came back within a
 * tenth of a second, up to 64; after a slower one, two again. So the "applied" lines come a batch
 * at a time, and a slow migration holds back those of the quick ones sent with it. A migration's
 * {@code applied_at} is when its batch was sent; its duration is measured by the server.
 */
final class Pipeline {
  private static final int FIRST = 2;
  private static final int MOST = 64;
  private static final long QUICK_NANOS = 100_000_000L;

  /**
   * pgjdbc ends a batch's pipeline early, with a Sync of its own, once the answers it expects could
   * fill its receive buffer (about 250 entries); below that a batch is one pipeline, which the
   * server abandons as a whole at the first error.
   */
  private static final int MOST_ENTRIES = 200;

  private final Executor executor;
  private final Dialect dialect;
  private final HistoryTable history;
  private int size = FIRST;

  Pipeline(Executor executor, Dialect dialect, HistoryTable history) {
    this.executor = executor;
    this.dialect = dialect;
    this.history = history;
  }

  /**
   * What a batch did: how many of its migrations committed (the first ones), how long each took,
   * and whether the one after them failed.
   */
  record Sent(int committed, List<Duration> took, boolean failed) {}

  /** How many steps from {@code from} on can go in the next batch; fewer than two means none. */
  int batchable(List<Executor.PreparedStep> steps, int from) {
    int n = 0;
    int entries = 0;
    while (from + n < steps.size() && n < size && fits(steps.get(from + n))) {
      entries += steps.get(from + n).statements().size() + 3; // BEGIN, history row, COMMIT
      if (entries > MOST_ENTRIES) {
        break;
      }
      n++;
    }
    return n;
  }

  private boolean fits(Executor.PreparedStep prepared) {
    Step step = prepared.step();
    if (step.direction() != Step.Direction.UP
        || Executor.isJava(step)
        || !Executor.runsInTransaction(dialect, step)
        || prepared.statements().isEmpty()) {
      return false;
    }
    for (SqlStatement statement : prepared.statements()) {
      if (!FinalBatch.rowless(statement.sql())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends {@code batch}, whose first migration gets apply order {@code firstOrder}, and reads back
   * which of them committed.
   */
  Sent send(Connection connection, List<Executor.PreparedStep> batch, long firstOrder)
      throws SQLException {
    long last = firstOrder + batch.size() - 1;
    boolean autoCommit = connection.getAutoCommit();
    // Autocommit: the batch's own BEGIN and COMMIT say where transactions are, and the driver
    // adds none of its own.
    connection.setAutoCommit(true);
    long start = System.nanoTime();
    SQLException failure = null;
    try (Statement st = connection.createStatement()) {
      long order = firstOrder;
      for (Executor.PreparedStep prepared : batch) {
        int total = prepared.statements().size();
        st.addBatch("BEGIN");
        for (SqlStatement statement : prepared.statements()) {
          st.addBatch(statement.sql());
        }
        HistoryRow row =
            executor.rowFor(prepared.step(), order++, 0, HistoryRow.State.APPLIED, total);
        st.addBatch(history.insertSql(row, dialect.elapsedMillisSql()));
        st.addBatch("COMMIT");
      }
      st.executeBatch();
    } catch (SQLException e) {
      failure = e;
      // The failed migration's transaction is open and aborted; this ends it (and only warns
      // where there is none).
      try (Statement st = connection.createStatement()) {
        st.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
    }
    long elapsed = System.nanoTime() - start;
    size = elapsed < QUICK_NANOS ? Math.min(size * 2, MOST) : FIRST;
    Map<String, Long> done;
    try {
      connection.setAutoCommit(autoCommit);
      done = history.durations(connection, firstOrder, last);
    } catch (SQLException e) {
      if (failure != null) {
        e.addSuppressed(failure);
      }
      throw new RetortException(
          ErrorCode.DATABASE,
          describe(batch)
              + (failure == null ? ", were applied" : ", failed: " + SqlErrors.message(failure))
              + ", and then reading back which of them committed failed: "
              + SqlErrors.message(e)
              + "; 'retort status' shows what is applied",
          e);
    }
    int committed = 0;
    while (committed < batch.size() && done.containsKey(batch.get(committed).step().revision())) {
      committed++;
    }
    if (committed < done.size() || (failure == null && committed < batch.size())) {
      // Only a driver that runs a batch past an error (or a history table changed meanwhile)
      // could get here; say exactly what the database now holds.
      throw new RetortException(
          ErrorCode.DATABASE,
          describe(batch)
              + ": the history table holds "
              + done.keySet()
              + " of them, not the first ones in order; 'retort status' shows what is applied",
          failure);
    }
    List<Duration> took = new ArrayList<>(committed);
    for (int i = 0; i < committed; i++) {
      took.add(Duration.ofMillis(done.get(batch.get(i).step().revision())));
    }
    return new Sent(committed, took, failure != null && committed < batch.size());
  }

  private static String describe(List<Executor.PreparedStep> batch) {
    return "the "
        + batch.size()
        + " migrations sent together, "
        + batch.get(0).step().revision()
        + " to "
        + batch.get(batch.size() - 1).step().revision();
  }
}

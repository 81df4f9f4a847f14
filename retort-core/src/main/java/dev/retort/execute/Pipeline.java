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
 * one per statement.
 *
 * <p>When an entry fails, the migrations before the failed one have committed, which the history
 * table tells, and the run stops there as it would have. The driver's error quotes the failed
 * entry: a statement of the failed migration, found by its text, or one of Retort's own entries,
 * found by their marker comments (as in {@link FinalBatch}). Nothing runs twice.
 *
 * <p>Only up-migrations of SQL whose every statement returns no rows ({@link FinalBatch#rowless})
 * go in a batch. A batch holds two at first and twice as many after each that came back within a
 * tenth of a second, up to 64 (and 200 entries, 64 KB of SQL); after a slower one, two again. So
 * the "applied" lines come a batch at a time, and a slow migration holds back those of the quick
 * ones sent with it. A migration's {@code applied_at} is when its batch was sent; its duration is
 * measured by the server.
 */
final class Pipeline {
  private static final int FIRST = 2;
  private static final int MOST = 64;
  private static final long QUICK_NANOS = 100_000_000L;

  /**
   * pgjdbc sends a Sync of its own after 256 entries (when the answers it expects could fill its
   * receive buffer). That would be harmless, it stops at an error either way, but below it a batch
   * is plainly one pipeline; this keeps a margin.
   */
  private static final int MOST_ENTRIES = 200;

  /**
   * The driver writes the whole batch before it reads an answer: a batch small enough to sit in the
   * socket's buffers cannot leave both sides writing while the server's notices pile up.
   */
  private static final int MOST_CHARS = 64 * 1024;

  private final Executor executor;
  private final Dialect dialect;
  private final HistoryTable history;
  private final String historyMark;
  private final String commitMark;
  private int size = FIRST;

  Pipeline(Executor executor, Dialect dialect, HistoryTable history) {
    this.executor = executor;
    this.dialect = dialect;
    this.history = history;
    String nonce = FinalBatch.nonce();
    this.historyMark = "/* retort " + nonce + " batched history */";
    this.commitMark = "/* retort " + nonce + " batched commit */";
  }

  /**
   * What a batch did: how many of its migrations committed (the first ones) and how long each took;
   * the error of the one after them, or null; and an error the driver reported although every
   * migration committed, or null.
   */
  record Sent(int committed, List<Duration> took, RetortException failure, SQLException stray) {}

  /** How many steps from {@code from} on can go in the next batch; fewer than two means none. */
  int batchable(List<Executor.PreparedStep> steps, int from) {
    int n = 0;
    int entries = 0;
    int chars = 0;
    while (from + n < steps.size() && n < size && fits(steps.get(from + n))) {
      Executor.PreparedStep prepared = steps.get(from + n);
      entries += prepared.statements().size() + 3; // BEGIN, the history row, COMMIT
      for (SqlStatement statement : prepared.statements()) {
        chars += statement.sql().length();
      }
      String down = Executor.storedDown(prepared.step().migration()); // in its history row
      chars += down == null ? 0 : down.length();
      if (entries > MOST_ENTRIES || chars > MOST_CHARS) {
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
    boolean autoCommit = connection.getAutoCommit();
    long start = System.nanoTime();
    SQLException failure;
    try {
      // Autocommit: the batch's own BEGIN and COMMIT say where transactions are, and the driver
      // adds none of its own.
      connection.setAutoCommit(true);
      failure = execute(connection, batch, firstOrder);
      if (failure != null) {
        // The failed migration's transaction is open and aborted: this ends it.
        try (Statement st = connection.createStatement()) {
          st.execute("ROLLBACK");
        }
      }
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      restore(connection, autoCommit, e);
      throw new RetortException(
          ErrorCode.DATABASE,
          describe(batch)
              + ", failed: "
              + SqlErrors.message(e)
              + "; the connection failed with them, so which of them committed is unknown:"
              + " 'retort status' shows what is applied",
          e);
    } catch (RuntimeException e) {
      restore(connection, autoCommit, e);
      throw e;
    }
    boolean quick = failure == null && System.nanoTime() - start < QUICK_NANOS;
    size = quick ? Math.min(size * 2, MOST) : FIRST;
    Map<String, Long> done;
    try {
      done = history.durations(connection, firstOrder, firstOrder + batch.size() - 1);
    } catch (SQLException e) {
      if (failure != null) {
        e.addSuppressed(failure);
      }
      throw new RetortException(
          ErrorCode.DATABASE,
          describe(batch)
              + (failure == null
                  ? ", went through"
                  : ", failed: " + SqlErrors.message(cause(failure)))
              + ", and then asking the database which of them committed failed: "
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
    if (committed == batch.size()) {
      return new Sent(committed, took, null, failure == null ? null : cause(failure));
    }
    return new Sent(committed, took, failed(batch.get(committed), failure), null);
  }

  /** Puts autocommit back after {@code failure}, to which a failure to do so is added. */
  private static void restore(Connection connection, boolean autoCommit, Exception failure) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Sends the batch; returns the database's error, or null when all of it went through. */
  private SQLException execute(
      Connection connection, List<Executor.PreparedStep> batch, long firstOrder)
      throws SQLException {
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
        st.addBatch(historyMark + " " + history.insertSql(row, dialect.elapsedMillisSql()));
        st.addBatch(commitMark + " COMMIT");
      }
      try {
        st.executeBatch();
        return null;
      } catch (SQLException e) {
        if (Executor.connectionLost(connection, e)) {
          throw e; // the server's answers never came: any of it may have committed
        }
        return e;
      }
    }
  }

  /**
   * The error of the migration that failed in a batch and rolled back, worded as without a batch:
   * its statement with file and line, its history write, or its commit.
   */
  private RetortException failed(Executor.PreparedStep prepared, SQLException e) {
    Step step = prepared.step();
    SQLException cause = cause(e);
    String text = String.valueOf(e.getMessage());
    String rolledBack = "; this migration was rolled back, " + CommitGroup.kept(step);
    if (text.contains(commitMark)) {
      return new RetortException(
          ErrorCode.MIGRATION_FAILED,
          CommitGroup.commitFailed(List.of(step), SqlErrors.message(cause)),
          cause);
    } else if (text.contains(historyMark)) {
      return new RetortException(
          ErrorCode.DATABASE,
          "upgrade of "
              + step.revision()
              + " failed: writing its history row failed: "
              + SqlErrors.message(cause)
              + rolledBack,
          cause);
    }
    List<SqlStatement> statements = prepared.statements();
    List<Integer> quoted = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      if (text.contains(statements.get(i).sql())) {
        quoted.add(i);
      }
    }
    // The longest first: a statement quoted in the error may contain a shorter one.
    quoted.sort((a, b) -> statements.get(b).sql().length() - statements.get(a).sql().length());
    if (quoted.isEmpty()) {
      // pgjdbc with logServerErrorDetail=false quotes no entry.
      return new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "upgrade of "
              + step.revision()
              + " failed: "
              + step.origin()
              + ": "
              + SqlErrors.message(cause)
              + " (in one of its statements, its history write or its commit: the driver's error"
              + " did not say which)"
              + rolledBack,
          cause);
    }
    int first = quoted.get(0);
    List<String> others = new ArrayList<>();
    for (int i : quoted.subList(1, quoted.size())) {
      others.add(String.valueOf(i + 1));
    }
    String also =
        others.isEmpty()
            ? ""
            : " (or statement " + String.join(" or ", others) + ", which the error quotes too)";
    RetortException failed =
        Executor.statementFailed(prepared, statements.get(first), first + 1, cause, also);
    return new RetortException(failed.code(), failed.getMessage() + rolledBack, cause);
  }

  /** The database's own error, not the driver's batch wrapper around it. */
  private static SQLException cause(SQLException e) {
    return e.getNextException() != null ? e.getNextException() : e;
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

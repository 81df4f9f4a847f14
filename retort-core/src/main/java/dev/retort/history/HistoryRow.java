package dev.retort.history;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.List;

/**
 * One row of the history table: a revision applied (or being applied, or failed half-way) in this
 * database.
 *
 * @param revision the revision id
 * @param parents the parent ids, as declared when it was applied
 * @param description one line
 * @param kind {@code sql}, {@code java} or {@code stamp} (recorded without running)
 * @param checksum normalised checksum of the up part; null for stamps of unknown revisions
 * @param checksumAlgorithm the algorithm's name, so a future algorithm never breaks validation
 * @param appliedAt ISO-8601 UTC instant
 * @param appliedBy user@host of the process that applied it
 * @param durationMillis how long the up part took
 * @param toolVersion the Retort version that applied it
 * @param downScript the down SQL at the time of applying, so a rollback works after the code that
 *     had the file was rolled back
 * @param applyOrder increasing number giving the order revisions were applied in
 * @param state applied, or running/failed for a migration that ran without a transaction
 * @param statementsTotal statements in the up part (progress of non-transactional runs)
 * @param statementsDone statements that completed
 * @param error the database's message for a failed statement, or null
 * @param origin the file or class the migration came from
 */
public record HistoryRow(
    String revision,
    List<String> parents,
    String description,
    String kind,
    String checksum,
    String checksumAlgorithm,
    String appliedAt,
    String appliedBy,
    long durationMillis,
    String toolVersion,
    String downScript,
    long applyOrder,
    State state,
    int statementsTotal,
    int statementsDone,
    String error,
    String origin) {

  public HistoryRow {
    parents = List.copyOf(parents);
  }

  /** Where a revision stands in this database. */
  public enum State {
    /** Applied and committed. */
    APPLIED,
    /** Running without a transaction; seen by another process it means that run died. */
    RUNNING,
    /** Failed half-way without a transaction: some statements ran, one failed. */
    FAILED;

    /** values() copies its array on every call, and fromDb runs once per history row. */
    private static final State[] ALL = values();

    private final String dbValue = name().toLowerCase(java.util.Locale.ROOT);

    public String dbValue() {
      return dbValue;
    }

    /**
     * The state stored in the row of {@code revision}; a value this Retort does not know (a newer
     * Retort wrote it, or someone edited the table) is a user's problem, not a crash.
     */
    public static State fromDb(String revision, String value) {
      for (State state : ALL) {
        if (state.dbValue().equals(value)) {
          return state;
        }
      }
      throw new RetortException(
          ErrorCode.DATABASE,
          "history table row for "
              + revision
              + " has unknown state '"
              + value
              + "'; it was written by a newer Retort or edited by hand: use that Retort, or set"
              + " the state to 'applied', 'running' or 'failed'");
    }
  }

  /**
   * The error text of a row whose downgrade is running. A downgrade's progress and failure are
   * recorded in the error column, always starting with "downgrade", so that an interrupted or
   * failed downgrade is told apart from an upgrade's.
   */
  public static final String DOWNGRADE_IN_PROGRESS = "downgrade in progress";

  /** This applied row while its down script runs: {@code total} statements, none done yet. */
  public HistoryRow downgradeStarted(int total) {
    return with(State.RUNNING, total, 0, DOWNGRADE_IN_PROGRESS, durationMillis);
  }

  /** Whether this row stopped (failed or interrupted) while its downgrade ran. */
  public boolean isDowngrade() {
    return state != State.APPLIED && error != null && error.startsWith("downgrade");
  }

  public boolean isApplied() {
    return state == State.APPLIED;
  }

  public HistoryRow withState(State newState, int done, String newError, long millis) {
    return with(newState, statementsTotal, done, newError, millis);
  }

  private HistoryRow with(State newState, int total, int done, String newError, long millis) {
    return new HistoryRow(
        revision,
        parents,
        description,
        kind,
        checksum,
        checksumAlgorithm,
        appliedAt,
        appliedBy,
        millis,
        toolVersion,
        downScript,
        applyOrder,
        newState,
        total,
        done,
        newError,
        origin);
  }
}

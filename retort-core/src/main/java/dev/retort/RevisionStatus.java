package dev.retort;

import dev.retort.history.HistoryRow;
import dev.retort.source.Migration;

/**
 * A revision as both the source and the database see it.
 *
 * @param revision the id
 * @param description one line
 * @param state where it stands
 * @param migration the migration from the source, or null when no file knows it
 * @param row the history row, or null when it was never applied
 */
public record RevisionStatus(
    String revision, String description, State state, Migration migration, HistoryRow row) {

  public enum State {
    /** Applied and its file present. */
    APPLIED,
    /** In the source, not applied. */
    PENDING,
    /** Applied, but no file or class knows it (a newer build applied it, or the file was lost). */
    UNKNOWN,
    /** Failed half-way without a transaction; needs {@code retort resolve}. */
    FAILED,
    /** Recorded as running: its process died, or is still running. */
    RUNNING
  }
}

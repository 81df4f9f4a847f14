package dev.retort.plan;

import dev.retort.history.HistoryRow;
import dev.retort.source.Migration;

/**
 * One migration to run in one direction.
 *
 * @param direction up or down
 * @param revision the revision id
 * @param migration the migration from the source, or null when its file is gone and a downgrade
 *     runs the down script stored in the history row
 * @param row the history row of a revision being reverted; null for up steps
 */
public record Step(Direction direction, String revision, Migration migration, HistoryRow row) {
  public enum Direction {
    UP,
    DOWN
  }

  /** True when a down step runs the script stored in the history table. */
  public boolean usesStoredDown() {
    return direction == Direction.DOWN && (migration == null || !migration.hasDown());
  }

  public String description() {
    return migration != null ? migration.description() : row.description();
  }

  public String origin() {
    return migration != null ? migration.origin() : row.origin();
  }
}

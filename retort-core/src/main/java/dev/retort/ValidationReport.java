package dev.retort;

import java.util.List;

/** What {@code validate} found: empty when the applied revisions match the source. */
public record ValidationReport(List<Problem> problems) {
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** One finding, with a message that names the revision and file and says what to do. */
  public record Problem(Kind kind, String revision, String message) {}

  public enum Kind {
    /** An applied migration's file was edited after it was applied. */
    CHECKSUM_MISMATCH,
    /** An applied revision's file is gone. */
    MISSING_FILE,
    /** The database has a revision no file or class knows and that recorded no origin. */
    UNKNOWN_REVISION,
    /** A migration failed half-way or its process died. */
    INCOMPLETE
  }
}

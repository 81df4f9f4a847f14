package dev.retort.cli;

import dev.retort.MigrateResult;
import dev.retort.RevisionStatus;
import java.time.Duration;

/** Output shared by several commands. */
final class Report {
  private Report() {}

  /** The closing lines of upgrade and downgrade; steps themselves print as they finish. */
  static void migrateSummary(
      RetortCli root, MigrateResult result, String done, String verb, long nanos) {
    if (result.dryRun()) {
      if (result.steps().isEmpty()) {
        root.say("dry run: nothing to " + verb);
      }
      for (MigrateResult.Applied a : result.steps()) {
        root.say(
            "would "
                + verb
                + " "
                + a.step().revision()
                + "  "
                + a.step().description()
                + (a.step().usesStoredDown() ? "  (stored down script)" : ""));
      }
      root.say("dry run: nothing changed; database at " + Format.heads(result.current()));
      return;
    }
    if (result.steps().isEmpty()) {
      root.say("up to date at " + Format.heads(result.current()));
      return;
    }
    root.say(
        done
            + " "
            + result.steps().size()
            + " revision(s) in "
            + Format.duration(Duration.ofNanos(nanos))
            + "; database at "
            + Format.heads(result.current()));
  }

  static String mark(RevisionStatus.State state) {
    return switch (state) {
      case APPLIED -> "applied";
      case PENDING -> "pending";
      case UNKNOWN -> "unknown";
      case FAILED -> "FAILED";
      case RUNNING -> "RUNNING";
    };
  }
}

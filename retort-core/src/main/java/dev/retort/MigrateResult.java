package dev.retort;

import dev.retort.plan.Step;
import java.time.Duration;
import java.util.List;

/**
 * What an upgrade, downgrade or stamp did (or, for a dry run, would do).
 *
 * @param steps the steps in order, with their durations (zero in a dry run)
 * @param current the heads applied in the database afterwards
 * @param dryRun true when nothing was changed
 */
public record MigrateResult(List<Applied> steps, List<String> current, boolean dryRun) {
  public MigrateResult {
    steps = List.copyOf(steps);
    current = List.copyOf(current);
  }

  /** One step and how long it took. */
  public record Applied(Step step, Duration took) {}

  public boolean changedNothing() {
    return dryRun || steps.isEmpty();
  }
}

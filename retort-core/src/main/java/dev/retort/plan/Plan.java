package dev.retort.plan;

import java.util.List;

/** The steps an upgrade or downgrade will run, in order. Empty when there is nothing to do. */
public record Plan(Step.Direction direction, List<Step> steps) {
  public Plan {
    steps = List.copyOf(steps);
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }
}

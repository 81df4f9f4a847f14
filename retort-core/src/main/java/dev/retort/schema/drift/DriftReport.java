package dev.retort.schema.drift;

import java.util.List;

/**
 * What {@code check} found: the live schema against the schema its recorded revisions produce.
 *
 * @param revisions the revisions replayed to build the expected schema (the live heads)
 * @param differences every difference; empty when the schemas match
 */
public record DriftReport(List<String> revisions, List<Difference> differences) {
  public DriftReport {
    revisions = List.copyOf(revisions);
    differences = List.copyOf(differences);
  }

  public boolean drifted() {
    return !differences.isEmpty();
  }
}

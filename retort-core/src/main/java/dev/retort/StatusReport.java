package dev.retort;

import java.util.List;

/**
 * What {@code status} reports.
 *
 * @param revisions every revision known to the source or the database, in graph order
 * @param current the heads of what is applied in the database
 * @param heads the heads of the source's graph
 */
public record StatusReport(
    List<RevisionStatus> revisions, List<String> current, List<String> heads) {
  public StatusReport {
    revisions = List.copyOf(revisions);
    current = List.copyOf(current);
    heads = List.copyOf(heads);
  }

  public List<RevisionStatus> with(RevisionStatus.State state) {
    return revisions.stream().filter(r -> r.state() == state).toList();
  }

  public boolean upToDate() {
    return with(RevisionStatus.State.PENDING).isEmpty()
        && with(RevisionStatus.State.FAILED).isEmpty()
        && with(RevisionStatus.State.RUNNING).isEmpty();
  }
}

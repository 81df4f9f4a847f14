package dev.retort.cli;

import dev.retort.RevisionStatus;
import dev.retort.StatusReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "history",
    description = "List every revision in graph order, newest first, with applied marks.")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Override
  public Integer call() {
    StatusReport report = root.retort().status();
    List<RevisionStatus> revisions = report.revisions();
    for (int i = revisions.size() - 1; i >= 0; i--) {
      RevisionStatus r = revisions.get(i);
      String parents =
          r.migration() != null
              ? String.join(",", r.migration().parents())
              : String.join(",", r.row().parents());
      String flags =
          (report.heads().contains(r.revision()) ? " (head)" : "")
              + (report.current().contains(r.revision()) ? " (current)" : "");
      root.out.printf(
          "%-8s %s <- %s%s  %s%n",
          Report.mark(r.state()),
          r.revision(),
          parents.isEmpty() ? "base" : parents,
          flags,
          r.description());
    }
    return 0;
  }
}

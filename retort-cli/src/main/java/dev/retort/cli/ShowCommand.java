package dev.retort.cli;

import dev.retort.RevisionStatus;
import dev.retort.history.HistoryRow;
import dev.retort.source.Migration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", description = "Show one revision: its file, its SQL and its history row.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(paramLabel = "REVISION", description = "id or unique prefix")
  String revision;

  @Override
  public Integer call() {
    RevisionStatus r = root.retort().show(revision);
    var out = root.out;
    out.println("revision:    " + r.revision());
    out.println("description: " + r.description());
    out.println("state:       " + Report.mark(r.state()));
    Migration m = r.migration();
    if (m != null) {
      out.println(
          "parents:     " + (m.parents().isEmpty() ? "base" : String.join(", ", m.parents())));
      out.println("source:      " + m.origin());
      out.println("transaction: " + m.transactional());
      out.println("checksum:    " + m.checksum());
    }
    HistoryRow row = r.row();
    if (row != null) {
      out.println("applied at:  " + row.appliedAt() + " by " + row.appliedBy());
      out.println(
          "duration:    " + row.durationMillis() + " ms (retort " + row.toolVersion() + ")");
      if (!row.isApplied()) {
        out.println(
            "progress:    "
                + row.statementsDone()
                + " of "
                + row.statementsTotal()
                + " statements");
        out.println("error:       " + row.error());
      }
    }
    if (m != null && !m.isJava()) {
      out.println("-- up");
      out.println(m.up().sql().strip());
      if (m.down() != null) {
        out.println("-- down");
        out.println(m.down().sql().strip());
      }
    } else if (row != null && row.downScript() != null) {
      out.println("-- down (stored in the history table)");
      out.println(row.downScript().strip());
    }
    return 0;
  }
}

package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.RevisionStatus;
import dev.retort.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Show applied, pending, unknown and failed revisions.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Option(
      names = "--check",
      description = "exit 3 when migrations are pending (for CI and readiness probes)")
  boolean check;

  @Override
  public Integer call() {
    StatusReport report = root.retort().status();
    for (RevisionStatus r : report.revisions()) {
      StringBuilder line =
          new StringBuilder(
              String.format("%-8s %s  %s", Report.mark(r.state()), r.revision(), r.description()));
      if (r.row() != null && r.row().isApplied()) {
        line.append("  [")
            .append(r.row().appliedAt())
            .append(" by ")
            .append(r.row().appliedBy())
            .append(']');
      }
      root.out.println(line);
      if (r.row() != null && !r.row().isApplied()) {
        root.out.printf(
            "         %d of %d statement(s) ran%s%n",
            r.row().statementsDone(),
            r.row().statementsTotal(),
            r.row().error() == null ? "" : "; " + r.row().error());
      }
    }
    int pending = report.with(RevisionStatus.State.PENDING).size();
    root.out.printf(
        "database at %s; %d pending; heads: %s%n",
        Format.heads(report.current()), pending, String.join(", ", report.heads()));
    if (check && !report.upToDate()) {
      return ErrorCode.PENDING.exitCode();
    }
    return 0;
  }
}

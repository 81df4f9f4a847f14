package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.RevisionStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "resolve",
    description = {
      "Settle a migration that failed half-way on a database without transactional DDL"
          + " (MariaDB/MySQL) or whose process died. Nothing is ever re-run silently.",
      "  --resume       run its remaining statements, from the one that failed",
      "  --applied      you finished it by hand: record it as applied",
      "  --rolled-back  you undid it by hand: forget it; upgrade runs it again from the top"
    })
final class ResolveCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(paramLabel = "REVISION")
  String revision;

  @ArgGroup(multiplicity = "1")
  How how;

  static final class How {
    @Option(names = "--resume", required = true)
    boolean resume;

    @Option(names = "--applied", required = true)
    boolean applied;

    @Option(names = "--rolled-back", required = true)
    boolean rolledBack;
  }

  @Override
  public Integer call() {
    Retort.Resolution resolution =
        how.resume
            ? Retort.Resolution.RESUME
            : how.applied ? Retort.Resolution.APPLIED : Retort.Resolution.ROLLED_BACK;
    RevisionStatus r = root.retort().resolve(revision, resolution);
    root.say(r.revision() + " is now " + Report.mark(r.state()));
    return 0;
  }
}

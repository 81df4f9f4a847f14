package dev.retort.cli;

import dev.retort.MigrateResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "downgrade",
    description = {
      "Revert applied migrations down to TARGET: base, -N, a revision id or prefix, <id>-N.",
      "Runs each down part from its file, or the copy stored in the history table when the"
          + " file is gone."
    })
final class DowngradeCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(paramLabel = "TARGET")
  String target;

  @Option(names = "--dry-run", description = "print the plan and change nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    MigrateResult result = root.retort().downgrade(target, dryRun);
    Report.migrateSummary(root, result, "reverted", "revert", System.nanoTime() - start);
    return 0;
  }
}

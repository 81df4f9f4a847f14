package dev.retort.cli;

import dev.retort.MigrateResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "upgrade",
    description = {
      "Apply pending migrations up to TARGET (default head). Idempotent: safe in every deploy.",
      "TARGET: head, heads, a revision id or prefix, +N, <id>+N."
    })
final class UpgradeCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(arity = "0..1", paramLabel = "TARGET", defaultValue = "head")
  String target;

  @Option(names = "--dry-run", description = "print the plan and change nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    MigrateResult result = root.retort().upgrade(target, dryRun);
    Report.migrateSummary(root, result, "applied", "apply", System.nanoTime() - start);
    return 0;
  }
}

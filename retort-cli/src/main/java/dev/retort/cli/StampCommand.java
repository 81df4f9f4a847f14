package dev.retort.cli;

import dev.retort.MigrateResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "stamp",
    description =
        "Record revisions up to TARGET as applied without running them (for a database whose"
            + " schema already has their changes).")
final class StampCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(paramLabel = "TARGET")
  String target;

  @Override
  public Integer call() {
    MigrateResult result = root.retort().stamp(target);
    for (MigrateResult.Applied a : result.steps()) {
      root.say("stamped " + a.step().revision() + "  " + a.step().description());
    }
    root.say("database at " + Format.heads(result.current()));
    return 0;
  }
}

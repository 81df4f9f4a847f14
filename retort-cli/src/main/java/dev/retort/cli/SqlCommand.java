package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "sql",
    description = {
      "Print the SQL that upgrade (or downgrade with --down) would run, changing nothing.",
      "TARGET as for upgrade/downgrade; or FROM:TO (e.g. base:head) to compute the plan from"
          + " the files alone, without connecting."
    })
final class SqlCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(arity = "0..1", paramLabel = "TARGET|FROM:TO", defaultValue = "head")
  String range;

  @Option(names = "--down", description = "the SQL of a downgrade to TARGET")
  boolean down;

  @Override
  public Integer call() {
    int colon = range.indexOf(':');
    if (colon >= 0) {
      if (down) {
        throw new RetortException(ErrorCode.USAGE, "--down takes a TARGET, not a FROM:TO range");
      }
      root.out.print(
          root.retort().sqlOffline(range.substring(0, colon), range.substring(colon + 1)));
    } else {
      root.out.print(root.retort().sql(range, down));
    }
    root.out.flush();
    return 0;
  }
}

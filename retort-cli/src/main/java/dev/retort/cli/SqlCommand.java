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
      "TARGET as for upgrade/downgrade (default head, or -1 with --down); or FROM:TO (e.g."
          + " base:head) to compute the plan from the files alone, without connecting."
    })
final class SqlCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  /** Null when not given: the default depends on --down. */
  @Parameters(arity = "0..1", paramLabel = "TARGET|FROM:TO")
  String range;

  @Option(names = "--down", description = "the SQL of a downgrade to TARGET")
  boolean down;

  @Override
  public Integer call() {
    // "head" is no downgrade target: --down alone previews the smallest step back.
    String text = range != null ? range : down ? "-1" : "head";
    int colon = text.indexOf(':');
    root.notesOnStderr = true;
    if (colon >= 0) {
      if (down) {
        throw new RetortException(ErrorCode.USAGE, "--down takes a TARGET, not a FROM:TO range");
      }
      root.out.print(root.retort().sqlOffline(text.substring(0, colon), text.substring(colon + 1)));
    } else {
      root.out.print(root.retort().sql(text, down));
    }
    root.out.flush();
    return 0;
  }
}

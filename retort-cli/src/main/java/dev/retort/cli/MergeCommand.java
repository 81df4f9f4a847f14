package dev.retort.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "merge", description = "Create a merge revision whose parents are all the heads.")
final class MergeCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Option(
      names = {"-m", "--message"},
      defaultValue = "merge heads",
      description = "description of the merge (default: ${DEFAULT-VALUE})")
  String message;

  @Override
  public Integer call() {
    Path file = root.retort().merge(message);
    root.out.println(file);
    return 0;
  }
}

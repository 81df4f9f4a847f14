package dev.retort.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "new", description = "Create a migration file whose parents are the current heads.")
final class NewCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(paramLabel = "MESSAGE", description = "what the migration does")
  String message;

  @Override
  public Integer call() {
    Path file = root.retort().newRevision(message);
    root.out.println(file);
    return 0;
  }
}

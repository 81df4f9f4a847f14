package dev.retort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "current", description = "Print the revision(s) the database is at.")
final class CurrentCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Override
  public Integer call() {
    var current = root.retort().current();
    if (current.isEmpty()) {
      root.out.println("base (nothing applied)");
    }
    current.forEach(root.out::println);
    return 0;
  }
}

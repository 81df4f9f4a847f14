package dev.retort.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "heads",
    description = "Print the heads of the migrations (more than one: run retort merge).")
final class HeadsCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Override
  public Integer call() {
    var heads = root.retort().heads();
    heads.forEach(root.out::println);
    if (heads.size() > 1) {
      root.say("(" + heads.size() + " heads: run 'retort merge' to join them)");
    }
    return 0;
  }
}

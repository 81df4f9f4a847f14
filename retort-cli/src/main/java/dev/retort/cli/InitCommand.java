package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.cli.config.ConfigTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "init",
    description = "Create retort.toml and a migrations folder in DIR (default: here).")
final class InitCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".")
  Path dir;

  @Option(
      names = "--database-url",
      paramLabel = "JDBC_URL",
      defaultValue = "jdbc:sqlite:app.db",
      description = "URL written into retort.toml (default: ${DEFAULT-VALUE})")
  String databaseUrl;

  @Override
  public Integer call() {
    Path config = dir.resolve("retort.toml");
    Path migrations = dir.resolve("migrations");
    if (Files.exists(config)) {
      throw new RetortException(
          ErrorCode.USAGE, config + " already exists; edit it, or init another folder");
    }
    try {
      Files.createDirectories(migrations);
      Files.writeString(config, ConfigTemplate.initial(databaseUrl));
    } catch (IOException e) {
      throw new RetortException(ErrorCode.CONFIG, "cannot write " + config + ": " + e, e);
    }
    root.say("created " + config);
    root.say("created " + migrations + "/");
    root.say("next: retort new \"create first table\", edit the file, then retort upgrade");
    return 0;
  }
}

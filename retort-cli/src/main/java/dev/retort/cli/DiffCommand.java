package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.schema.drift.Difference;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "diff",
    description = {
      "Print the schema operations that turn the live database into another schema:",
      "by default the one the migrations produce at TARGET (pending migrations and drift);",
      "with --to-url, another database of the same kind."
    })
final class DiffCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Mixin SchemaOptions filter;

  @Option(names = "--target", defaultValue = "heads", description = "default: ${DEFAULT-VALUE}")
  String target;

  @Option(
      names = "--to-url",
      paramLabel = "JDBC_URL",
      description = "compare with this database instead (same user and password options)")
  String toUrl;

  @Option(
      names = "--scratch-url",
      paramLabel = "JDBC_URL",
      description = "an empty database to replay the migrations into (managed servers)")
  String scratchUrl;

  @Override
  public Integer call() {
    root.notesOnStderr = true;
    Retort retort = root.retortFor(null, scratchUrl);
    List<Difference> differences;
    if (toUrl != null) {
      Retort other = root.retortFor(toUrl, null);
      differences = retort.diffTo(other, filter.include, filter.exclude);
    } else {
      differences = retort.diffToMigrations(target, filter.include, filter.exclude);
    }
    if (differences.isEmpty()) {
      root.say("-- no differences");
      return 0;
    }
    for (Difference d : differences) {
      root.out.println(
          "-- " + (d.operation().destructive() ? "DESTRUCTIVE: " : "") + d.description());
      d.sql().forEach(sql -> root.out.println(sql + ";"));
      if (d.sql().isEmpty()) {
        root.out.println("-- (SQLite: needs a table rebuild; use a portable schema migration)");
      }
    }
    root.out.flush();
    return 0;
  }
}

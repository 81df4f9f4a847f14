package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.schema.drift.Difference;
import dev.retort.schema.drift.DriftReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "check",
    description = {
      "Drift check: compare the live schema with the schema its recorded revisions produce,",
      "replayed on a scratch space (a temporary SQLite file, a schema on PostgreSQL, a database",
      "on MariaDB/MySQL). Exit 0 when they match, 5 when they differ."
    })
final class CheckCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Mixin SchemaOptions filter;

  @Option(
      names = "--scratch-url",
      paramLabel = "JDBC_URL",
      description =
          "an empty database to replay the migrations into, for managed servers that refuse"
              + " CREATE DATABASE/SCHEMA (same user and password)")
  String scratchUrl;

  @Override
  public Integer call() {
    DriftReport report = root.retortFor(null, scratchUrl).check(filter.include, filter.exclude);
    String at = report.revisions().isEmpty() ? "base" : String.join(", ", report.revisions());
    if (!report.drifted()) {
      root.say("no drift: the schema matches its migrations at " + at);
      return 0;
    }
    root.out.println(
        "drift: " + report.differences().size() + " difference(s) from the migrations at " + at);
    for (Difference d : report.differences()) {
      root.out.println("  " + d.description());
    }
    root.out.flush();
    return ErrorCode.DRIFT.exitCode();
  }
}

package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Include/exclude patterns shared by inspect, diff and check. */
final class SchemaOptions {
  @Option(
      names = "--include",
      split = ",",
      paramLabel = "GLOB",
      description = "only tables/views matching these globs (* and ?), comma separated")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      split = ",",
      paramLabel = "GLOB",
      description = "leave out tables/views matching these globs (legacy or foreign tables)")
  List<String> exclude = new ArrayList<>();
}

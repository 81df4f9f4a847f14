package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.render.SchemaJson;
import dev.retort.schema.render.SchemaSql;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "inspect", description = "Print the live schema as SQL (default) or JSON.")
final class InspectCommand implements Callable<Integer> {
  enum Format {
    SQL,
    JSON
  }

  @ParentCommand RetortCli root;

  @Mixin SchemaOptions filter;

  @Option(
      names = "--format",
      defaultValue = "sql",
      description = "sql or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() {
    root.notesOnStderr = true;
    Retort retort = root.retort();
    SchemaModel model = retort.inspect(filter.include, filter.exclude);
    root.out.print(
        format == Format.JSON
            ? SchemaJson.write(model)
            : SchemaSql.script(model, retort.dialect()));
    root.out.println();
    root.out.flush();
    return 0;
  }
}

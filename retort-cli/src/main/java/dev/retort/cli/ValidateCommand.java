package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "validate",
    description =
        "Check applied migrations against the files: checksums, missing files, unknown"
            + " revisions. Exit 4 when something differs.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand RetortCli root;

  @Override
  public Integer call() {
    ValidationReport report = root.retort().validate();
    if (report.ok()) {
      root.say("valid: every applied revision matches its migration");
      return 0;
    }
    for (ValidationReport.Problem p : report.problems()) {
      root.out.println(p.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + p.message());
    }
    return ErrorCode.VALIDATION.exitCode();
  }
}

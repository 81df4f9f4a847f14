package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code retort} command. Only this class calls {@link System#exit}; everything else returns
 * exit codes, which are API (see the README):
 *
 * <ul>
 *   <li>0 success
 *   <li>1 failure (a migration failed, the database refused, the lock wait ended)
 *   <li>2 usage or configuration error (bad flag, bad retort.toml, bad migration file, bad target)
 *   <li>3 {@code status --check}: migrations are pending
 *   <li>4 validation failed: applied migrations differ from the files
 *   <li>5 {@code check}: the schema drifted from what the migrations produce
 * </ul>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    SqliteNativeCache.use();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit code; used by tests without a new process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new RetortCli(out));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("retort: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ErrorCode.USAGE.exitCode();
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof RetortException re && re.code().isUserError()) {
            err.println("retort: error: " + re.getMessage());
            return re.code().exitCode();
          }
          // Anything else is a bug in Retort: show everything.
          err.println("retort: internal error (please report it): " + e);
          e.printStackTrace(err);
          return ErrorCode.INTERNAL.exitCode();
        });
    return cli.execute(args);
  }
}

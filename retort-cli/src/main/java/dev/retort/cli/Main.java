package dev.retort.cli;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    // slf4j finds its binding with a ServiceLoader scan of the jar unless it is named (and then
    // says so on stderr unless told to keep its notes to warnings).
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", CliLog.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
    Warmup.start();
    SqliteNativeCache.use();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit code; used by tests without a new process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    UpgradeCommand upgrade = FastUpgrade.parse(args, out);
    if (upgrade != null) {
      try {
        return upgrade.call();
      } catch (RuntimeException e) {
        return failed(e, err);
      }
    }
    CommandLine cli = new CommandLine(new RetortCli(out));
    for (Map.Entry<String, Class<?>> verb : verbsFor(args)) {
      cli.addSubcommand(verb.getKey(), verb.getValue());
    }
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
    cli.setExecutionExceptionHandler((e, c, parsed) -> failed(e, err));
    return cli.execute(args);
  }

  /** A command's exception as the user sees it, and its exit code. */
  private static int failed(Exception e, PrintWriter err) {
    if (e instanceof RetortException re && re.code().isUserError()) {
      err.println("retort: error: " + re.getMessage());
      return re.code().exitCode();
    }
    // Anything else is a bug in Retort: show everything.
    err.println("retort: internal error (please report it): " + e);
    e.printStackTrace(err);
    return ErrorCode.INTERNAL.exitCode();
  }

  /**
   * The verbs this command line can use: every verb named among the arguments (the real one is
   * always among them; an option value that happens to be a verb's name adds a harmless extra), or
   * all of them when none is named or help is asked for, so that help, the usage line and "did you
   * mean" suggestions see every verb.
   */
  static List<Map.Entry<String, Class<?>>> verbsFor(String[] args) {
    Set<String> words = new HashSet<>(Arrays.asList(args));
    if (words.contains("-h") || words.contains("--help")) {
      return RetortCli.VERBS;
    }
    List<Map.Entry<String, Class<?>>> named = new ArrayList<>();
    for (Map.Entry<String, Class<?>> verb : RetortCli.VERBS) {
      if (words.contains(verb.getKey())) {
        named.add(verb);
      }
    }
    return named.isEmpty() ? RetortCli.VERBS : named;
  }
}

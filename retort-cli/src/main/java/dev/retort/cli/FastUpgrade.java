package dev.retort.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code retort [OPTIONS] upgrade [TARGET] [--dry-run]} without picocli. A deploy runs this command
 * on every start, and picocli's own start-up (a model built by reflection over the annotations, and
 * ~180 classes compiled for Java 5, which the JVM verifies the old way and cannot keep in a CDS
 * archive) was a third of a no-op upgrade's run time (docs/benchmarks.md).
 *
 * <p>Only a command line this class understands completely runs here: the options of {@link
 * RetortCli}, each at most once, as {@code --name value}, {@code --name=value} or {@code -c value};
 * the verb; one target; {@code --dry-run} after the verb. Anything else (help, version, another
 * verb, a repeated or unknown option, a value that looks like an option, an {@code @file}) returns
 * null and picocli parses the whole line as always, with its messages. FastUpgradeTest holds this
 * table to picocli's model of the same options and compares both parsers on many command lines.
 */
final class FastUpgrade {
  /** RetortCli's options that take a value, every name of each: {names..., field}. */
  static final List<List<String>> VALUE_OPTIONS =
      List.of(
          List.of("-c", "--config", "config"),
          List.of("-p", "--profile", "profile"),
          List.of("--url", "url"),
          List.of("--user", "user"),
          List.of("--password-file", "passwordFile"),
          List.of("--migrations", "migrations"),
          List.of("--history-table", "historyTable"),
          List.of("--schema", "schema"),
          List.of("--lock-timeout", "lockTimeout"),
          List.of("--ddl-lock-timeout", "ddlLockTimeout"),
          List.of("--statement-timeout", "statementTimeout"));

  /** RetortCli's one flag. */
  static final List<String> QUIET = List.of("-q", "--quiet");

  static final String VERB = "upgrade";
  static final String DRY_RUN = "--dry-run";

  private FastUpgrade() {}

  /** The upgrade this command line asks for, or null when picocli must parse it. */
  static UpgradeCommand parse(String[] args, PrintWriter out) {
    RetortCli root = new RetortCli(out);
    UpgradeCommand upgrade = new UpgradeCommand();
    upgrade.root = root;
    upgrade.target = "head";
    Set<String> seen = new HashSet<>();
    boolean verb = false;
    boolean target = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isEmpty() || arg.startsWith("@")) {
        return null;
      }
      if (!arg.startsWith("-")) {
        if (!verb && arg.equals(VERB)) {
          verb = true;
        } else if (verb && !target) {
          upgrade.target = arg;
          target = true;
        } else {
          return null;
        }
        continue;
      }
      if (QUIET.contains(arg)) {
        if (!seen.add("quiet")) {
          return null;
        }
        root.quiet = true;
        continue;
      }
      if (arg.equals(DRY_RUN)) {
        if (!verb || !seen.add("dryRun")) {
          return null;
        }
        upgrade.dryRun = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String field = fieldOf(name);
      if (field == null || !seen.add(field)) {
        return null;
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return null;
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return null;
      }
      set(root, field, value);
    }
    return verb ? upgrade : null;
  }

  private static String fieldOf(String name) {
    for (List<String> option : VALUE_OPTIONS) {
      if (option.subList(0, option.size() - 1).contains(name)) {
        return option.get(option.size() - 1);
      }
    }
    return null;
  }

  private static void set(RetortCli root, String field, String value) {
    switch (field) {
      case "config" -> root.config = Path.of(value);
      case "profile" -> root.profile = value;
      case "url" -> root.url = value;
      case "user" -> root.user = value;
      case "passwordFile" -> root.passwordFile = value;
      case "migrations" -> root.migrations = value;
      case "historyTable" -> root.historyTable = value;
      case "schema" -> root.schema = value;
      case "lockTimeout" -> root.lockTimeout = value;
      case "ddlLockTimeout" -> root.ddlLockTimeout = value;
      case "statementTimeout" -> root.statementTimeout = value;
      default -> throw new IllegalStateException("no option field " + field);
    }
  }
}

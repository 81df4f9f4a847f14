package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.RetortBuilder;
import dev.retort.RetortListener;
import dev.retort.cli.config.ConfigLoader;
import dev.retort.cli.config.ResolvedConfig;
import dev.retort.plan.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level command: options shared by every verb, and the way from them to a {@link Retort}.
 * Options may stand before or after the verb ({@code retort -c x.toml upgrade} or {@code retort
 * upgrade -c x.toml}).
 */
@Command(
    name = "retort",
    // INHERIT gives every verb --help and --version too: error messages say "retort X --help".
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = RetortCli.Version.class,
    description = "Database schema migrations: SQLite, PostgreSQL, MariaDB/MySQL.")
final class RetortCli implements java.util.concurrent.Callable<Integer> {
  /**
   * The verbs, in the order help lists them, registered by {@link Main#run} rather than through
   * {@code @Command(subcommands)}: picocli builds the whole model of every registered verb (with
   * copies of the inherited options) on each start, and one run needs one verb. Names are spelled
   * here so that choosing does not read annotations.
   */
  static final List<Map.Entry<String, Class<?>>> VERBS =
      List.of(
          Map.entry("init", InitCommand.class),
          Map.entry("new", NewCommand.class),
          Map.entry("upgrade", UpgradeCommand.class),
          Map.entry("downgrade", DowngradeCommand.class),
          Map.entry("current", CurrentCommand.class),
          Map.entry("heads", HeadsCommand.class),
          Map.entry("history", HistoryCommand.class),
          Map.entry("status", StatusCommand.class),
          Map.entry("stamp", StampCommand.class),
          Map.entry("show", ShowCommand.class),
          Map.entry("validate", ValidateCommand.class),
          Map.entry("merge", MergeCommand.class),
          Map.entry("sql", SqlCommand.class),
          Map.entry("resolve", ResolveCommand.class),
          Map.entry("inspect", InspectCommand.class),
          Map.entry("diff", DiffCommand.class),
          Map.entry("check", CheckCommand.class));

  final PrintWriter out;

  @Option(
      names = {"-c", "--config"},
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "retort.toml to read (default: ./retort.toml)")
  Path config;

  @Option(
      names = {"-p", "--profile"},
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "profile of retort.toml to use (env RETORT_PROFILE)")
  String profile;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "JDBC_URL",
      description = "database URL (env RETORT_URL)")
  String url;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "database user")
  String user;

  @Option(
      names = "--password-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "read the password from FILE (or env RETORT_PASSWORD)")
  String passwordFile;

  @Option(
      names = "--migrations",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "migration folders, comma separated (classpath:... allowed)")
  String migrations;

  @Option(names = "--history-table", scope = ScopeType.INHERIT, paramLabel = "NAME")
  String historyTable;

  @Option(
      names = "--schema",
      scope = ScopeType.INHERIT,
      description = "PostgreSQL schema for the history table and search_path")
  String schema;

  @Option(
      names = "--lock-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      description = "how long to wait for another process's migration lock, e.g. 2s (default 60s)")
  String lockTimeout;

  @Option(
      names = "--ddl-lock-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      description = "how long one DDL statement may wait for a table lock")
  String ddlLockTimeout;

  @Option(
      names = "--statement-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      description = "how long one statement may run")
  String statementTimeout;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "print only errors")
  boolean quiet;

  RetortCli(PrintWriter out) {
    this.out = out;
  }

  /**
   * Set by commands whose standard output is data (SQL, JSON) that may go to a file or a pipe:
   * their notes go to standard error instead.
   */
  boolean notesOnStderr;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** No command given: a usage error, so a deploy script with a typo fails loudly. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("retort: no command given; 'retort --help' lists them");
    return dev.retort.ErrorCode.USAGE.exitCode();
  }

  /** The configuration: retort.toml, then its profile, then RETORT_* variables, then flags. */
  ResolvedConfig resolveConfig() {
    Map<String, String> overrides = new LinkedHashMap<>();
    put(overrides, "url", url);
    put(overrides, "user", user);
    put(overrides, "password_file", passwordFile);
    put(overrides, "migrations", migrations);
    put(overrides, "history_table", historyTable);
    put(overrides, "schema", schema);
    put(overrides, "lock_timeout", lockTimeout);
    put(overrides, "ddl_lock_timeout", ddlLockTimeout);
    put(overrides, "statement_timeout", statementTimeout);
    Map<String, String> env = System.getenv();
    Warmup.driverGuess(url, env, config != null ? config : Path.of(ConfigLoader.DEFAULT_FILE));
    return ConfigLoader.load(config, profile, overrides, env, Path.of(""));
  }

  /** A Retort for the resolved configuration, printing each step unless quiet. */
  Retort retort() {
    return retortFor(null, null);
  }

  /**
   * The same, for another database URL (diff --to-url) when given, and replaying into the given
   * scratch database (check/diff --scratch-url) when given; both with the same credentials and
   * driver properties.
   */
  Retort retortFor(String otherUrl, String scratchUrl) {
    ResolvedConfig cfg = resolveConfig();
    RetortBuilder builder = Retort.configure();
    Warmup.driver(otherUrl != null ? otherUrl : cfg.url());
    if (scratchUrl != null) {
      builder.scratchUrl(scratchUrl, cfg.user(), cfg.password(), cfg.driverProperties());
    }
    return builder
        .url(
            otherUrl != null ? otherUrl : cfg.url(),
            cfg.user(),
            cfg.password(),
            cfg.driverProperties())
        .locations(cfg.migrationLocations())
        .historyTable(cfg.historyTable())
        .schema(cfg.schema())
        .lockWait(cfg.lockTimeout())
        .ddlLockTimeout(cfg.ddlLockTimeout())
        .statementTimeout(cfg.statementTimeout())
        .commitGroup(cfg.commitGroup())
        .sourceCache(cfg.sourceCache())
        .listener(quiet ? RetortListener.NONE : new Printer())
        .build();
  }

  void say(String line) {
    if (!quiet) {
      out.println(line);
    }
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Prints each migration as it runs, with its duration, and progress of long table copies. */
  private final class Printer implements RetortListener {
    private final ProgressLine progress = new ProgressLine(out, System.console() != null);

    @Override
    public void progress(String what, long done, long total) {
      progress.report(what, done, total);
    }

    @Override
    public void stepFinished(Step step, Duration took) {
      progress.end();
      out.printf(
          "%s %s  %s  (%s)%n",
          step.direction() == Step.Direction.UP ? "applied " : "reverted",
          step.revision(),
          step.description(),
          Format.duration(took));
      out.flush();
    }

    @Override
    public void notice(String message) {
      progress.end();
      PrintWriter to = notesOnStderr && spec != null ? spec.commandLine().getErr() : out;
      to.println("note: " + message);
      to.flush();
    }
  }

  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"retort " + Retort.version()};
    }
  }
}

package dev.retort.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every scenario and prints the table (bench/run calls this). Each measurement runs in its own
 * process, one at a time; nothing runs in parallel.
 *
 * <p>Usage: {@code Bench REPO_DIR RESULTS_DIR [--quick] [--only cli,warm,apply,drop,introspect]}
 */
public final class Bench {
  /** The JVM of the in-process scenarios: the defaults an application gets, with a fixed heap. */
  static final List<String> LIBRARY_FLAGS = List.of("-Xms1g", "-Xmx1g");

  static final List<String> SCENARIOS = List.of("cli", "warm", "apply", "drop", "introspect");

  private Bench() {}

  /** The PostgreSQL scenarios need a server: say so in one line before anything runs. */
  private static void requirePostgres() {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(Db.PG_ADMIN)) {
      c.isValid(5);
    } catch (java.sql.SQLException e) {
      System.err.println(
          "bench: cannot reach PostgreSQL ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); start it at 127.0.0.1:5432, set RETORT_BENCH_POSTGRES_URL, or leave out"
              + " apply and introspect with --only cli,warm,drop");
      System.exit(2);
    }
  }

  /** A mistake on the command line: one line saying what to do, exit 2, nothing run. */
  private static void usage(String problem) {
    System.err.println(
        "bench: "
            + problem
            + "; usage: bench/run [--quick] [--only "
            + String.join(",", SCENARIOS)
            + "]");
    System.exit(2);
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]).toAbsolutePath().normalize();
    Path results = Files.createDirectories(Path.of(args[1]).toAbsolutePath().normalize());
    List<String> opts = Arrays.asList(args).subList(2, args.length);
    boolean quick = false;
    Set<String> only = new HashSet<>();
    for (int i = 0; i < opts.size(); i++) {
      String opt = opts.get(i);
      if (opt.equals("--quick")) {
        quick = true;
      } else if (opt.equals("--only") && i + 1 == opts.size()) {
        usage("--only needs a list of scenarios");
      } else if (opt.equals("--only")) {
        for (String s : opts.get(++i).split(",")) {
          if (!SCENARIOS.contains(s)) {
            usage("unknown scenario '" + s + "' in --only; choose from " + SCENARIOS);
          }
          only.add(s);
        }
      } else {
        usage("unknown option '" + opt + "'");
      }
    }
    if (only.isEmpty() || only.contains("apply") || only.contains("introspect")) {
      requirePostgres();
    }
    Path work = Files.createDirectories(results.resolve("work"));
    Path log = results.resolve("runs.log");
    Files.deleteIfExists(log);
    Path benchTarget = repo.resolve("bench/target");

    String sqliteShell = SqliteShell.version();
    List<String> header = new ArrayList<>(Machine.describe(sqliteShell));
    header.forEach(System.out::println);
    Path set200 = Gen.writeAll(work, 200);
    Path set1000 = Gen.writeAll(work, 1000);

    List<Row> rows = new ArrayList<>();
    if (only.isEmpty() || only.contains("cli")) {
      say("scenario 1a: CLI no-op, fresh processes");
      rows.addAll(new CliScenario(repo, benchTarget, work, log).run(set200, quick ? 5 : 15));
    }
    if (only.isEmpty() || only.contains("warm")) {
      say("scenario 1b: library no-op, warm JVM");
      for (String mode : List.of("held", "pool", "fresh")) {
        rows.add(warm(mode, set200, quick ? 1 : 3, work, log));
      }
    }
    if (only.isEmpty() || only.contains("apply")) {
      for (String kind : List.of("sqlite", "postgres")) {
        for (Path set : List.of(set200, set1000)) {
          int n = set == set200 ? 200 : 1000;
          int runs = quick ? 1 : n == 200 ? 5 : 3;
          say("scenario 2: applying " + n + " migrations on " + kind);
          rows.add(apply(kind, set, n, runs, work, log));
        }
      }
    }
    if (only.isEmpty() || only.contains("drop")) {
      say("scenario 3: SQLite drop column, 1,000,000 rows");
      rows.add(new DropColumnScenario(work, log).run(quick ? 1 : 3));
    }
    if (only.isEmpty() || only.contains("introspect")) {
      say("scenario 4: introspecting 1,000 PostgreSQL tables");
      rows.add(new IntrospectScenario(log).run(quick ? 1 : 3));
    }

    header.add("Load average at end (1/5/15 min): " + Machine.loadAverage());
    String table = Report.render(header, rows, quick);
    System.out.println();
    System.out.println(table);
    String stamp = Instant.now().toString().replace(':', '-').replaceAll("\\.\\d+Z$", "Z");
    Files.writeString(results.resolve("bench-" + stamp + ".md"), table);
    Files.writeString(results.resolve("latest.md"), table);
    System.out.println("written to " + results.resolve("bench-" + stamp + ".md"));
  }

  /**
   * Scenario 1b in one mode: rounds in which each tool and the plain-JDBC floor take a turn, in an
   * order that rotates from round to round, each in a new JVM on a new database (warm-up, then
   * timed calls), so that a change in the machine's speed over the minutes this takes falls on all
   * of them alike. Each keeps the median of its per-round medians.
   */
  private static Row warm(String mode, Path set, int rounds, Path work, Path log) throws Exception {
    Row row =
        new Row(
            switch (mode) {
              case "held" ->
                  "Library no-op upgrade, SQLite, 200 applied, warm JVM: one configured"
                      + " instance, repeated calls (median call)";
              case "pool" ->
                  "Library no-op upgrade, SQLite, 200 applied, warm JVM: one configured"
                      + " instance on the application's HikariCP pool (median call)";
              default ->
                  "Library no-op upgrade, SQLite, 200 applied, warm JVM: configured anew for"
                      + " each call (median call)";
            });
    List<String> order = new ArrayList<>();
    for (Tool tool : Tool.values()) {
      order.add(tool.name());
    }
    if (!mode.equals("fresh")) {
      order.add("FLOOR");
    }
    Map<String, List<Double>> took =
        rounds(
            order,
            rounds,
            who -> {
              Path db = work.resolve("warm-" + who.toLowerCase(Locale.ROOT) + ".db");
              Files.deleteIfExists(db);
              List<Double> r =
                  Proc.fork(
                      LIBRARY_FLAGS,
                      "Warm",
                      List.of(
                          who,
                          mode,
                          "jdbc:sqlite:" + db,
                          set.toString(),
                          rounds == 1 ? "2" : "3",
                          rounds == 1 ? "3" : "4"),
                      log);
              return List.of(r.get(0)); // the median call; the line also gives the count
            });
    for (Tool tool : Tool.values()) {
      row.put(tool, Stats.median(took.get(tool.name())));
    }
    if (mode.equals("fresh")) {
      return row;
    }
    row.note(
        Tool.LIQUIBASE,
        mode.equals("held")
            ? "no reusable object: new command per call"
            : "new command per call, on a pooled connection");
    List<Double> floor = took.get("FLOOR");
    String paired =
        rounds > 1
            ? "; paired round by round, Retort took "
                + paired(took.get(Tool.RETORT.name()), floor)
                + " of the floor's time"
            : "";
    return row.atMost(
        2,
        (mode.equals("held")
                ? "≤ 2 ms (plain-JDBC floor: connect, read the history, close "
                : "≤ 2 ms (plain-JDBC floor: borrow a pooled connection, read the history,"
                    + " give it back ")
            + Stats.ms(Stats.median(floor))
            + paired
            + ")");
  }

  /** One turn of a round: what {@code who} took, in ms. */
  private interface Turn {
    List<Double> take(String who) throws Exception;
  }

  /**
   * {@code rounds} rounds in which each of {@code order} takes a turn, each round starting one
   * later than the one before, so that a drift of the machine within a round favours no one in
   * particular; the times of each, round by round.
   */
  private static Map<String, List<Double>> rounds(List<String> order, int rounds, Turn turn)
      throws Exception {
    List<String> next = new ArrayList<>(order);
    Map<String, List<Double>> took = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String who : next) {
        took.computeIfAbsent(who, k -> new ArrayList<>()).addAll(turn.take(who));
      }
      Collections.rotate(next, -1);
    }
    return took;
  }

  /**
   * Scenario 2 for one database and set: rounds in which the floors and each tool take a turn, in
   * an order that rotates from round to round, each in a new JVM (one untimed run, then one timed),
   * so that a change in the machine's load or in the disk's latency over the minutes this takes
   * falls on all of them alike.
   */
  private static Row apply(String kind, Path set, int n, int runs, Path work, Path log)
      throws Exception {
    List<String> floors =
        kind.equals("postgres") ? List.of("each", "deferred", "one") : List.of("each", "one");
    List<String> order = new ArrayList<>(floors);
    for (Tool tool : Tool.values()) {
      order.add(tool.name());
    }
    Map<String, List<Double>> took =
        rounds(
            order,
            runs,
            who ->
                floors.contains(who)
                    ? Proc.fork(
                        LIBRARY_FLAGS,
                        "Floor",
                        List.of(kind, String.valueOf(n), "1", work.toString(), who),
                        log)
                    : Proc.fork(
                        LIBRARY_FLAGS,
                        "Apply",
                        List.of(who, kind, set.toString(), String.valueOf(n), "1", work.toString()),
                        log));
    Row row =
        new Row(
            "Apply "
                + String.format(Locale.ROOT, "%,d", n)
                + " migrations to an empty "
                + (kind.equals("sqlite") ? "SQLite" : "PostgreSQL")
                + " database (library, median of "
                + runs
                + ")");
    for (Tool tool : Tool.values()) {
      row.put(tool, Stats.median(took.get(tool.name())));
    }
    String floor =
        "plain-JDBC floors: a transaction per migration "
            + Stats.ms(Stats.median(took.get("each")))
            + (took.containsKey("deferred")
                ? ", the same with one disk flush at the end "
                    + Stats.ms(Stats.median(took.get("deferred")))
                : "")
            + ", all in one transaction "
            + Stats.ms(Stats.median(took.get("one")))
            + "; paired round by round with Flyway: Retort "
            + paired(took.get(Tool.RETORT.name()), took.get(Tool.FLYWAY.name()))
            + (took.containsKey("deferred")
                ? ", the one-flush floor "
                    + paired(took.get("deferred"), took.get(Tool.FLYWAY.name()))
                : "")
            + ", the one-transaction floor "
            + paired(took.get("one"), took.get(Tool.FLYWAY.name()));
    return n == 200 ? row.fractionOfFlyway(0.5, "≤ 0.5 × Flyway (" + floor + ")") : row.info(floor);
  }

  /**
   * The ratio of {@code who} to {@code other} within each round, where the host's drift over the
   * minutes of the scenario falls on both alike: its median and range. Context only; the target is
   * judged on the medians.
   */
  private static String paired(List<Double> who, List<Double> other) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(who.size(), other.size()); i++) {
      ratios.add(who.get(i) / other.get(i));
    }
    if (ratios.isEmpty()) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.2fx (%.2fx to %.2fx)",
        Stats.median(ratios),
        ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
  }

  static void say(String what) {
    System.out.println("== " + what + " (load " + Machine.loadAverage() + ")");
  }
}

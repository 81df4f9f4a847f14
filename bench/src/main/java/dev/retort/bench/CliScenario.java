package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1a: a no-op upgrade of a SQLite database holding 200 applied migrations, as a fresh
 * process each time: what a deploy script pays on every run. Each tool first applies the set to its
 * own database through the same command; then the commands run in interleaved rounds (so background
 * noise hits all of them alike) and the median wall time of each is kept.
 */
final class CliScenario {
  /**
   * The JVM flags of the ./retort launcher without its AppCDS archive and native-library cache,
   * given to every tool's java -jar.
   */
  static final List<String> LAUNCHER_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:+UseSerialGC",
          "-XX:-UsePerfData",
          "-Djava.locale.providers=HOST");

  private final Path repo;
  private final Path benchTarget;
  private final Path work;
  private final Path log;

  CliScenario(Path repo, Path benchTarget, Path work, Path log) {
    this.repo = repo;
    this.benchTarget = benchTarget;
    this.work = work;
    this.log = log;
  }

  List<Row> run(Path set, int rounds) throws IOException {
    Path dir = Files.createDirectories(work.resolve("cli"));
    for (String f : List.of("retort.db", "flyway.db", "liquibase.db", "retort.db.retort.lock")) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Path toml = dir.resolve("retort.toml");
    Files.writeString(
        toml,
        "url = \"jdbc:sqlite:retort.db\"\nmigrations = [\""
            + set.resolve("retort").toString().replace("\\", "/")
            + "\"]\n");
    Map<String, List<String>> commands = new LinkedHashMap<>();
    List<String> floor = new ArrayList<>(List.of(Proc.javaBin()));
    floor.addAll(LAUNCHER_FLAGS);
    floor.addAll(List.of("-cp", benchTarget.resolve("classes").toString(), Noop.class.getName()));
    commands.put("jvm", floor);
    commands.put(
        "launcher", List.of(repo.resolve("retort").toString(), "-c", toml.toString(), "upgrade"));
    commands.put(
        "retort",
        java(
            repo.resolve("retort-cli/target/retort-cli-all.jar"),
            "-c",
            toml.toString(),
            "upgrade"));
    commands.put(
        "flyway",
        java(
            benchTarget.resolve("flyway-main.jar"),
            "jdbc:sqlite:" + dir.resolve("flyway.db"),
            set.resolve("flyway").toString()));
    commands.put(
        "liquibase",
        java(
            benchTarget.resolve("liquibase-main.jar"),
            "jdbc:sqlite:" + dir.resolve("liquibase.db"),
            set.resolve("liquibase").toString()));

    // The first run of each applies the 200 migrations; the second must be a no-op.
    for (String name : List.of("retort", "flyway", "liquibase")) {
      Proc.check(commands.get(name), dir, log);
    }
    for (Map.Entry<String, List<String>> e : commands.entrySet()) {
      String out = Proc.check(e.getValue(), dir, log).output();
      if (!out.contains("up to date") && !out.contains("update done")) {
        throw new IllegalStateException(e.getKey() + " was not a no-op:\n" + out);
      }
    }
    if (Db.count("jdbc:sqlite:" + dir.resolve("liquibase.db"), "DATABASECHANGELOG") != 200) {
      throw new IllegalStateException("Liquibase did not record 200 changesets");
    }

    Map<String, List<Double>> times = new LinkedHashMap<>();
    commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    for (int round = 0; round < rounds + 2; round++) {
      for (Map.Entry<String, List<String>> e : commands.entrySet()) {
        double ms = Proc.check(e.getValue(), dir, log).millis();
        if (round >= 2) { // two warm-up rounds: the page cache, not the JVM, warms up
          times.get(e.getKey()).add(ms);
        }
      }
    }
    Row launcher =
        new Row("CLI no-op upgrade, SQLite, 200 applied: the `./retort` launcher (class archive)")
            .put(Tool.RETORT, Stats.median(times.get("launcher")))
            .note(Tool.FLYWAY, "n/a")
            .note(Tool.LIQUIBASE, "n/a")
            .atMost(
                150,
                "≤ 150 ms (JVM start floor, a main that prints one line: "
                    + Stats.ms(Stats.median(times.get("jvm")))
                    + ")");
    Row jar =
        new Row(
                "CLI no-op upgrade, SQLite, 200 applied: plain `java -jar` with the launcher's"
                    + " base JVM flags, no AppCDS (Flyway, Liquibase: minimal mains, see notes)")
            .put(Tool.RETORT, Stats.median(times.get("retort")))
            .put(Tool.FLYWAY, Stats.median(times.get("flyway")))
            .put(Tool.LIQUIBASE, Stats.median(times.get("liquibase")))
            // A comparison, not a target: the three alike, as none ships (Retort's CLI is the
            // launcher above, Flyway's and Liquibase's are their own scripts around larger mains).
            .info("no target: the three started alike, for comparison (the launcher row holds it)");
    return List.of(launcher, jar);
  }

  private static List<String> java(Path jar, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Proc.javaBin());
    cmd.addAll(LAUNCHER_FLAGS);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }
}

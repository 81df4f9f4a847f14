package dev.retort.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 3: dropping an indexed column from a 1,000,000-row SQLite table with an incoming foreign
 * key. The floor is the sqlite3 shell running the hand-written twelve-step rebuild; each run works
 * on a fresh copy of the same file (the copy is not timed), and every result is checked (rows,
 * indexes, UNIQUE, CHECK, the foreign key).
 */
final class DropColumnScenario {
  private final Path work;
  private final Path log;

  DropColumnScenario(Path work, Path log) {
    this.work = work;
    this.log = log;
  }

  Row run(int runs) throws Exception {
    Path base = DropFixture.base(work);
    Row row =
        new Row(
            "SQLite: drop an indexed column from a 1,000,000-row table with an incoming foreign"
                + " key (median of "
                + runs
                + ")");
    double floor = floor(base, runs);
    for (Tool tool : Tool.values()) {
      List<Double> took = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Path copy = copy(base, tool);
        Proc.Done d = Proc.run(forkCommand(tool, copy), work, log);
        String result = resultLine(d);
        if (result.startsWith("FAILED")) {
          row.note(tool, "fails: " + result.substring("FAILED".length()).trim());
          took.clear();
          break;
        }
        List<String> problems = DropFixture.problems(copy);
        if (!problems.isEmpty()) {
          row.note(tool, "wrong result: " + String.join(", ", problems));
          took.clear();
          break;
        }
        took.add(Double.parseDouble(result.substring("RESULT".length()).trim()));
        Files.delete(copy);
      }
      if (!took.isEmpty()) {
        row.put(tool, Stats.median(took));
      }
    }
    if (Double.isNaN(floor)) {
      row.target = "≤ 1.2 × sqlite3 floor (not measured: sqlite3 not installed)";
      return row;
    }
    return row.atMost(
        1.2 * floor,
        "≤ 1.2 × sqlite3 shell floor of " + Stats.ms(floor) + " = " + Stats.ms(1.2 * floor));
  }

  private double floor(Path base, int runs) throws Exception {
    if (SqliteShell.version() == null) {
      return Double.NaN;
    }
    Path script = work.resolve("drop-floor.sql");
    Files.writeString(script, DropFixture.FLOOR);
    List<Double> took = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path copy = copy(base, null);
      Proc.Done d =
          Proc.check(
              List.of("sh", "-c", "sqlite3 \"$0\" < \"$1\"", copy.toString(), script.toString()),
              work,
              log);
      List<String> problems = DropFixture.problems(copy);
      if (!problems.isEmpty() || !d.output().isBlank()) {
        throw new IllegalStateException("the sqlite3 floor went wrong: " + problems + d.output());
      }
      took.add(d.millis());
      Files.delete(copy);
    }
    return Stats.median(took);
  }

  private Path copy(Path base, Tool tool) throws Exception {
    String name = tool == null ? "floor" : tool.name().toLowerCase(Locale.ROOT);
    Path copy = work.resolve("drop-" + name + ".db");
    Files.copy(base, copy, StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  private List<String> forkCommand(Tool tool, Path db) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Proc.javaBin());
    cmd.addAll(Bench.LIBRARY_FLAGS);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.retort.bench.Drop");
    cmd.add(tool.name());
    cmd.add(db.toString());
    cmd.add(work.toString());
    return cmd;
  }

  private static String resultLine(Proc.Done d) {
    for (String line : d.output().split("\n")) {
      if (line.startsWith("RESULT") || line.startsWith("FAILED")) {
        return line;
      }
    }
    throw new IllegalStateException("Drop printed neither RESULT nor FAILED:\n" + d.output());
  }
}

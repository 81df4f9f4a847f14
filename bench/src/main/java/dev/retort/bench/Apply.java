package dev.retort.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 2, in its own JVM per tool and database: the library call applying a whole set to an
 * empty database. One untimed run first (class loading, JIT), then RUNS timed ones, each on a fresh
 * database; each run is checked to have created every table. Prints {@code RESULT ms...}. Bench
 * runs it with RUNS 1, in rounds with the other tools and the floor.
 *
 * <p>Usage: {@code Apply TOOL sqlite|postgres SET_DIR N RUNS WORK_DIR}
 */
public final class Apply {
  private Apply() {}

  public static void main(String[] args) throws Exception {
    Tool tool = Tool.of(args[0]);
    String kind = args[1];
    Path dir = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    int runs = Integer.parseInt(args[4]);
    Path work = Path.of(args[5]);
    List<Double> took = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      try (Db db = Db.fresh(kind, work, tool.name().toLowerCase(Locale.ROOT))) {
        long start = System.nanoTime();
        tool.migrate(db.url, null, dir);
        double ms = (System.nanoTime() - start) / 1e6;
        int tables = db.benchTables();
        if (tables != n) {
          throw new IllegalStateException(
              tool.label() + " created " + tables + " of " + n + " tables on " + kind);
        }
        if (run > 0) {
          took.add(ms);
        }
      }
    }
    Proc.printResult(took);
  }
}

package dev.retort.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 1b, in its own JVM per tool: the library call on an up-to-date database, over and over
 * in one warm JVM. Warms up for a fixed time (JIT, caches), then times each call separately and
 * prints {@code RESULT median_ms calls}.
 *
 * <p>Usage: {@code Warm TOOL JDBC_URL SET_DIR WARMUP_SECONDS MEASURE_SECONDS}
 */
public final class Warm {
  private static final int MIN_CALLS = 30;
  private static final int MAX_CALLS = 2000;

  private Warm() {}

  public static void main(String[] args) throws Exception {
    Tool tool = Tool.of(args[0]);
    String url = args[1];
    Path dir = Path.of(args[2]);
    long warmupNanos = (long) (Double.parseDouble(args[3]) * 1e9);
    long measureNanos = (long) (Double.parseDouble(args[4]) * 1e9);

    long end = System.nanoTime() + warmupNanos;
    int warmups = 0;
    while (System.nanoTime() < end || warmups < MIN_CALLS) {
      tool.migrate(url, null, dir);
      warmups++;
    }
    List<Double> took = new ArrayList<>();
    end = System.nanoTime() + measureNanos;
    while ((System.nanoTime() < end || took.size() < MIN_CALLS) && took.size() < MAX_CALLS) {
      long start = System.nanoTime();
      tool.migrate(url, null, dir);
      took.add((System.nanoTime() - start) / 1e6);
    }
    System.out.printf(
        Locale.ROOT, "RESULT %.4f %d warmup=%d%n", Stats.median(took), took.size(), warmups);
  }
}

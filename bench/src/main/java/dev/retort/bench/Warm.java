package dev.retort.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Scenario 1b, in its own JVM per tool: the library call on an up-to-date database, over and over
 * in one warm JVM. Warms up (JIT, caches) until the JIT has settled, then times each call
 * separately and prints {@code RESULT median_ms calls}, with the warm-up on the same line.
 *
 * <p>Warm means the JIT has finished with the call: after {@code WARMUP_SECONDS}, calls go on in
 * windows of a second until the JIT compiles for less than {@link #SETTLED_JIT_MS} of a window, or
 * until {@link #MAX_WARMUP_FACTOR} times {@code WARMUP_SECONDS} have passed. A fixed 3 s left C2
 * compiling for most of the timed calls (it took 4.2 s of a 7.5 s round with Retort), on the same
 * two cores the calls run on, so the figure depended on how far each tool's compiles had got.
 *
 * <p>{@code held}: the tool is configured once and called repeatedly, as an application holds it
 * ({@link Tool#prepare}); {@code fresh}: configured anew for every call; {@code pool}: configured
 * once on a HikariCP pool, as an application that gives the tool its own pool, so that each call
 * borrows an open connection.
 *
 * <p>Usage: {@code Warm TOOL|FLOOR held|fresh|pool JDBC_URL SET_DIR WARMUP_SECONDS
 * MEASURE_SECONDS}, where {@code WARMUP_SECONDS} is the least warm-up.
 */
public final class Warm {
  private static final int MIN_CALLS = 30;
  private static final int MAX_CALLS = 2000;
  private static final long SETTLED_JIT_MS = 20;
  private static final int MAX_WARMUP_FACTOR = 4;

  private Warm() {}

  public static void main(String[] args) throws Exception {
    boolean floor = args[0].equals("FLOOR");
    boolean held = args[1].equals("held");
    String url = args[2];
    Path dir = Path.of(args[3]);
    long warmupNanos = (long) (Double.parseDouble(args[4]) * 1e9);
    long measureNanos = (long) (Double.parseDouble(args[5]) * 1e9);
    // The application's pool: connections stay open between calls, as in a running service.
    HikariDataSource pool = args[1].equals("pool") ? pool(url) : null;
    Tool.Prepared call;
    if (floor) {
      Tool.RETORT.prepare(url, null, dir).migrate(); // the database the floor reads
      call = pool != null ? () -> historyFloor(pool) : () -> historyFloor(url);
    } else {
      Tool tool = Tool.of(args[0]);
      Tool.Prepared once = pool != null ? tool.prepare(pool, dir) : tool.prepare(url, null, dir);
      call = held || pool != null ? once : () -> tool.prepare(url, null, dir).migrate();
    }

    try {
      long begin = System.nanoTime();
      long end = begin + warmupNanos;
      int warmups = 0;
      while (System.nanoTime() < end || warmups < MIN_CALLS) {
        call.migrate();
        warmups++;
      }
      CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      boolean settled = false;
      while (!settled && System.nanoTime() - begin < MAX_WARMUP_FACTOR * warmupNanos) {
        long compiled = jit.getTotalCompilationTime();
        end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
          call.migrate();
          warmups++;
        }
        settled = jit.getTotalCompilationTime() - compiled < SETTLED_JIT_MS;
      }
      double warmedSeconds = (System.nanoTime() - begin) / 1e9;
      List<Double> took = new ArrayList<>();
      end = System.nanoTime() + measureNanos;
      while ((System.nanoTime() < end || took.size() < MIN_CALLS) && took.size() < MAX_CALLS) {
        long start = System.nanoTime();
        call.migrate();
        took.add((System.nanoTime() - start) / 1e6);
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT %.4f %d warmup=%d warmup_s=%.1f jit_settled=%b%n",
          Stats.median(took),
          took.size(),
          warmups,
          warmedSeconds,
          settled);
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(3); // Retort's lock takes a connection of its own when it migrates
    return new HikariDataSource(config);
  }

  /**
   * What any tool must do at the least to see that nothing is pending: open a connection, read the
   * applied revisions and their checksums, close. On SQLite the first statement of a connection
   * also loads the schema (here 200 tables and 200 indexes).
   */
  private static void historyFloor(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      readHistory(c);
    }
  }

  /** The same on a connection borrowed from the pool and given back. */
  private static void historyFloor(DataSource pool) throws Exception {
    try (Connection c = pool.getConnection()) {
      readHistory(c);
    }
  }

  private static void readHistory(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT revision, checksum FROM retort_history")) {
      while (rs.next()) {
        rs.getString(1);
        rs.getString(2);
      }
    }
  }
}

package dev.retort.cli;

import dev.retort.source.Checksums;
import java.text.DateFormatSymbols;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.ForkJoinPool;

/**
 * Start-up work that a command does sooner or later, begun on other threads while the main one
 * reads the command line and retort.toml (docs/benchmarks.md). Each step is a one-time
 * initialisation the JVM keeps: which thread does it first changes nothing but the time. A step
 * that fails is simply done again, and reported, by the command that needs it.
 */
final class Warmup {
  private Warmup() {}

  /** What every command needs: started before anything else. */
  static void start() {
    run(
        "retort-warmup",
        () -> {
          // In the order the main thread will want them: the pool that reads migrations, what
          // the JDBC drivers need when they connect (sqlite-jdbc's date formats load the
          // calendar and locale data), and the security providers behind the migrations'
          // SHA-256 checksums. Not slf4j: while one thread initialises it, loggers another
          // thread gets can stay silent for good.
          ForkJoinPool.commonPool();
          TimeZone.getDefault();
          Calendar.getInstance();
          DateFormatSymbols.getInstance(Locale.getDefault());
          Checksums.of("");
        });
  }

  /**
   * The JDBC driver of {@code url}, once the configuration names it: the main thread still builds
   * the command before it connects. For SQLite this also loads the native library.
   */
  static void driver(String url) {
    if (url == null) {
      return;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      run(
          "retort-warmup-driver",
          () -> {
            new org.sqlite.SQLiteConfig();
            org.sqlite.SQLiteJDBCLoader.initialize();
          });
    } else if (lower.startsWith("jdbc:postgresql:")) {
      run("retort-warmup-driver", () -> Class.forName("org.postgresql.Driver"));
    } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
      run("retort-warmup-driver", () -> Class.forName("org.mariadb.jdbc.Driver"));
    }
  }

  /** Work that may throw anything: only a head start. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static void run(String name, Step step) {
    Thread thread =
        new Thread(
            () -> {
              try {
                step.run();
              } catch (Exception | LinkageError e) {
                // The command does the same work itself when it needs it, and reports a failure.
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }
}

package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DateFormatSymbols;
import java.util.Calendar;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that a command does sooner or later, begun on other threads while the main one
 * reads the command line and retort.toml (docs/benchmarks.md). Each step is a one-time
 * initialisation the JVM keeps: which thread does it first changes nothing but the time. A step
 * that fails is simply done again, and reported, by the command that needs it.
 */
final class Warmup {
  /** The drivers whose warm-up has begun, by class: each once per process. */
  private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  private Warmup() {}

  /**
   * The JDBC driver a command will most likely use, before its configuration is parsed and resolved
   * (parsing retort.toml in a fresh JVM takes longer than loading sqlite-jdbc's native library):
   * the {@code --url} flag, else {@code RETORT_URL}, else the first JDBC URL written in the config
   * file. Only a head start: a wrong guess costs the other core some work, and {@link #driver}
   * starts the right one once the configuration names it.
   */
  static void driverGuess(String urlFlag, Map<String, String> env, Path configFile) {
    String url = urlFlag != null ? urlFlag : env.get("RETORT_URL");
    // A regular file only: a pipe (retort -c <(decrypt ...)) can be read once, by the real parse.
    if (url == null && configFile != null && Files.isRegularFile(configFile)) {
      try {
        String text = Files.readString(configFile);
        int at = text.indexOf("jdbc:");
        url = at < 0 ? null : text.substring(at, Math.min(text.length(), at + 20));
      } catch (IOException | RuntimeException e) {
        return; // the configuration's own reading reports it
      }
    }
    driver(url);
  }

  /**
   * What every command needs: started before anything else. No lambdas in this class but the one
   * the warm-up thread links on purpose: the first lambda a JVM links sets up the method-handle
   * machinery, about 7 ms of interpreted work, and that should happen on the warm-up thread, not on
   * the main thread.
   */
  static void start() {
    run(
        "retort-warmup",
        new Step() {
          @Override
          public void run() {
            // In the order the main thread will want them: the method-handle machinery behind
            // every lambda, the pool that reads migrations, the formatter, and what the JDBC
            // drivers need when they connect (sqlite-jdbc's date formats load the calendar and
            // locale data). Not the security providers behind the SHA-256 checksums: a no-op
            // upgrade that reads the source cache needs none, and setting them up took a core
            // for 10 ms. Not slf4j: while one thread initialises it, loggers another thread
            // gets can stay silent for good.
            Runnable linked = () -> {};
            linked.run();
            ForkJoinPool.commonPool();
            // slf4j formats a note with String.format as it starts, and java.util.Formatter
            // compiles its regex the first time: about 10 ms of the main thread otherwise.
            String.format("%s", "");
            TimeZone.getDefault();
            Calendar.getInstance();
            DateFormatSymbols.getInstance(Locale.getDefault());
          }
        });
  }

  /**
   * The JDBC driver of {@code url}, once the configuration names it: the main thread still builds
   * the command before it connects. For SQLite this also loads the native library.
   */
  static void driver(String url) {
    String driver = driverClass(url);
    if (driver == null || !STARTED.add(driver)) {
      return; // unknown, or begun already from the first look at the configuration
    }
    // The drivers log through slf4j as they load. slf4j must be set up here, on the calling
    // (main) thread, first: while one thread initialises it, loggers another thread gets are
    // stand-ins that can stay silent for good.
    LoggerFactory.getILoggerFactory();
    if (driver.equals(SQLITE)) {
      run(
          "retort-warmup-driver",
          new Step() {
            @Override
            public void run() throws Exception {
              // The native library first (the longest), then what a connection sets up: the
              // driver's registration with DriverManager and a configuration's date formats.
              org.sqlite.SQLiteJDBCLoader.initialize();
              Class.forName(SQLITE);
              new org.sqlite.SQLiteConfig();
            }
          });
    } else {
      run("retort-warmup-driver", loading(driver));
    }
  }

  private static final String SQLITE = "org.sqlite.JDBC";

  /** The driver class behind a JDBC URL, or null for a URL the CLI ships no driver for. */
  private static String driverClass(String url) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
      return "org.mariadb.jdbc.Driver";
    }
    return null;
  }

  private static Step loading(String driverClass) {
    return new Step() {
      @Override
      public void run() throws Exception {
        Class.forName(driverClass);
      }
    };
  }

  /** Work that may throw anything: only a head start. */
  private interface Step {
    void run() throws Exception;
  }

  private static void run(String name, Step step) {
    Thread thread =
        new Thread(name) {
          @Override
          public void run() {
            try {
              step.run();
            } catch (Exception | LinkageError e) {
              // The command does the same work itself when it needs it, and reports a failure.
            }
          }
        };
    thread.setDaemon(true);
    thread.start();
  }
}

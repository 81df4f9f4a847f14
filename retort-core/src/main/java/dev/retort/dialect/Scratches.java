package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scratch spaces of the three dialects; see {@link Dialect#createScratch}. */
final class Scratches {
  private static final Logger LOG = LoggerFactory.getLogger(Scratches.class);

  private Scratches() {}

  private static void execute(ConnectionSource live, String sql) throws SQLException {
    try (Connection c = live.open();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Drops a scratch space; a failure is only logged, as the command's result stands. */
  private static void drop(ConnectionSource live, String dropSql, String what) {
    try {
      execute(live, dropSql);
    } catch (SQLException e) {
      LOG.warn(
          "could not drop {}: {}", what, dev.retort.Secrets.redact(String.valueOf(e.getMessage())));
    }
  }

  /** A scratch schema or database created with {@code create}, entered with {@code enter}. */
  static Scratch server(
      ConnectionSource live, String name, String createSql, String dropSql, ConnectionEntry enter)
      throws SQLException {
    execute(live, createSql);
    return new Scratch() {
      @Override
      public ConnectionSource source() {
        return () -> {
          Connection c = live.open();
          try {
            enter.accept(c);
            return c;
          } catch (SQLException e) {
            c.close();
            throw e;
          }
        };
      }

      @Override
      public String schema() {
        return name;
      }

      @Override
      public void close() {
        drop(live, dropSql, "scratch " + name);
      }
    };
  }

  /**
   * A scratch database of its own, reached through {@code scratch}, created through {@code live}.
   */
  static Scratch database(
      ConnectionSource live,
      String name,
      String createSql,
      String dropSql,
      ConnectionSource scratch)
      throws SQLException {
    execute(live, createSql);
    return new Scratch() {
      @Override
      public ConnectionSource source() {
        return scratch;
      }

      @Override
      public String schema() {
        return null;
      }

      @Override
      public void close() {
        drop(live, dropSql, "scratch database " + name);
      }
    };
  }

  /** A scratch SQLite database in a temporary file. */
  static Scratch sqliteFile(String name) {
    Path dir;
    try {
      dir = Files.createTempDirectory("retort-scratch-");
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot create a scratch database: "
              + dev.retort.Secrets.redact(String.valueOf(e.getMessage())),
          e);
    }
    Path file = dir.resolve(name + ".db");
    return new Scratch() {
      @Override
      public ConnectionSource source() {
        return () -> DriverManager.getConnection("jdbc:sqlite:" + file);
      }

      @Override
      public String schema() {
        return null;
      }

      @Override
      public void close() {
        deleteQuietly(dir);
      }
    };
  }

  /** Sets up a fresh connection to see the scratch space. */
  @FunctionalInterface
  interface ConnectionEntry {
    void accept(Connection connection) throws SQLException;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("could not delete scratch folder {}: {}", dir, e.getMessage());
    }
  }
}

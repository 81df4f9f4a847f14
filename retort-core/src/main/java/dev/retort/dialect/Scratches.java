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

  /** A scratch schema or database created with {@code create}, entered with {@code enter}. */
  static Scratch server(
      ConnectionSource live, String name, String createSql, String dropSql, ConnectionEntry enter)
      throws SQLException {
    try (Connection c = live.open();
        Statement st = c.createStatement()) {
      st.execute(createSql);
    }
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
        try (Connection c = live.open();
            Statement st = c.createStatement()) {
          st.execute(dropSql);
        } catch (SQLException e) {
          LOG.warn("could not drop scratch {}: {}", name, e.getMessage());
        }
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
          ErrorCode.DATABASE, "cannot create a scratch database: " + e.getMessage(), e);
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

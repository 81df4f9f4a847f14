package dev.retort.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A new SQLite file; SQLite creates it on first connect. */
final class SqliteDatabase implements TestDatabase {
  /** Files SQLite may create beside the database (rollback journal, WAL mode). */
  private static final String[] SIDE_FILES = {"-journal", "-wal", "-shm"};

  private final Path file;
  private final String url;
  private final DataSource dataSource;

  SqliteDatabase(Path dir) {
    this.file = dir.resolve(Names.random() + ".db").toAbsolutePath();
    this.url = "jdbc:sqlite:" + file;
    this.dataSource = new DriverManagerDataSource(url, null, null);
    Reports.used("sqlite", null);
  }

  @Override
  public String kind() {
    return "sqlite";
  }

  @Override
  public String jdbcUrl() {
    return url;
  }

  @Override
  public String user() {
    return null;
  }

  @Override
  public String password() {
    return null;
  }

  @Override
  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public String schemaOrDatabaseName() {
    return "main";
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      for (String suffix : SIDE_FILES) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete test database file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "sqlite " + file;
  }
}

package dev.retort.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** Fresh databases for one run: a new SQLite file, or a new PostgreSQL database. */
final class Db implements AutoCloseable {
  /** The PostgreSQL server: RETORT_BENCH_POSTGRES_URL, else the local one as user postgres. */
  static final String PG_ADMIN =
      System.getenv()
          .getOrDefault(
              "RETORT_BENCH_POSTGRES_URL",
              "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  final String kind;
  final String url;
  private final Path file;
  private final String pgName;

  private Db(String kind, String url, Path file, String pgName) {
    this.kind = kind;
    this.url = url;
    this.file = file;
    this.pgName = pgName;
  }

  static Db fresh(String kind, Path workDir, String label) throws Exception {
    String id = label + "_" + UUID.randomUUID().toString().substring(0, 8);
    if (kind.equals("sqlite")) {
      Path f = workDir.resolve(id + ".db");
      Files.deleteIfExists(f);
      return new Db(kind, "jdbc:sqlite:" + f, f, null);
    }
    String name = "bench_" + id.toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(PG_ADMIN);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return new Db(kind, pgUrl(name), null, name);
  }

  /** The URL of database {@code name} on the admin URL's server, with its query parameters. */
  static String pgUrl(String name) {
    int slash = PG_ADMIN.indexOf('/', "jdbc:postgresql://".length());
    int query = PG_ADMIN.indexOf('?');
    return PG_ADMIN.substring(0, slash + 1) + name + (query < 0 ? "" : PG_ADMIN.substring(query));
  }

  /** How many benchmark tables (t0001...) exist: the check that a run really applied. */
  int benchTables() throws SQLException {
    String sql =
        kind.equals("sqlite")
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB"
                + " 't[0-9][0-9][0-9][0-9]'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name ~ '^t[0-9]{4}$'";
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Rows of {@code table} at {@code url} (a table name the harness chose, never user input). */
  static int count(String url, String table) {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table + " at " + url, e);
    }
  }

  @Override
  public void close() throws Exception {
    if (file != null) {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".retort.lock"));
      return;
    }
    try (Connection c = DriverManager.getConnection(PG_ADMIN);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
    }
  }
}

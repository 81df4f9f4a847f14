package dev.retort.conformance;

import dev.retort.Retort;
import dev.retort.RetortBuilder;
import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One test's world: a fresh database of one kind, a migrations folder, and Retort configured for
 * both through the public API only. Closing it drops the database.
 */
final class Env implements AutoCloseable {
  /** Every kind the suite runs on; a server kind that cannot be had aborts its tests. */
  static final String[] KINDS = {"sqlite", "postgresql", "mariadb"};

  private final TestDatabase db;
  private final Path folder;
  private int files;

  private Env(TestDatabase db, Path folder) {
    this.db = db;
    this.folder = folder;
  }

  /** A fresh database of {@code kind}; migrations are written to {@code dir/migrations}. */
  static Env open(String kind, Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("migrations"));
    return new Env(TestDatabases.create(kind, dir), folder);
  }

  String kind() {
    return db.kind();
  }

  TestDatabase db() {
    return db;
  }

  Path folder() {
    return folder;
  }

  /** Retort on this database and folder, with a short lock wait so a hang fails the test. */
  RetortBuilder builder() {
    return Retort.configure()
        .url(db.jdbcUrl(), db.user(), db.password())
        .locations(folder.toString())
        .lockWait(Duration.ofSeconds(30));
  }

  Retort retort() {
    return builder().build();
  }

  /** Retort with a driver option ("name=value") added to the URL; none when empty. */
  Retort retort(String urlOption) {
    if (urlOption.isEmpty()) {
      return retort();
    }
    String url = db.jdbcUrl();
    return builder()
        .url(url + (url.contains("?") ? "&" : "?") + urlOption, db.user(), db.password())
        .build();
  }

  /** Writes a migration file; files sort in the order they were written. */
  Path write(String revision, String parents, String up, String down) throws IOException {
    return write(revision, parents, true, up, down);
  }

  Path write(String revision, String parents, boolean transactional, String up, String down)
      throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("-- retort:revision ").append(revision).append('\n');
    if (parents != null) {
      text.append("-- retort:parents ").append(parents).append('\n');
    }
    text.append("-- retort:description ").append(revision).append('\n');
    if (!transactional) {
      text.append("-- retort:transaction false\n");
    }
    text.append("-- retort:up\n").append(up).append('\n');
    if (down != null) {
      text.append("-- retort:down\n").append(down).append('\n');
    }
    return writeFile(revision, text.toString());
  }

  /** Writes a migration file with the given text as it is. */
  Path writeFile(String revision, String text) throws IOException {
    files++;
    Path file = folder.resolve(String.format(Locale.ROOT, "%03d_%s.sql", files, revision));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The migration file of {@code revision}. */
  Path fileOf(String revision) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.getFileName().toString().endsWith("_" + revision + ".sql"))
          .findFirst()
          .orElseThrow(() -> new IOException("no file for revision " + revision));
    }
  }

  Connection connect() throws SQLException {
    return db.connect();
  }

  void exec(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  long count(String sql) throws SQLException {
    return Long.parseLong(string(sql));
  }

  String string(String sql) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from " + sql);
      }
      return rs.getString(1);
    }
  }

  List<String> strings(String sql) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /**
   * Tables and views in the database's default schema, lower-cased, without Retort's history table.
   */
  Set<String> tables() throws SQLException {
    return tablesIn(null);
  }

  /** Tables and views of a PostgreSQL schema (or the default schema when null). */
  Set<String> tablesIn(String schema) throws SQLException {
    String sql =
        switch (kind()) {
          case "sqlite" ->
              "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                  + " AND name NOT LIKE 'sqlite%'";
          case "postgresql" ->
              "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                  + (schema == null ? "current_schema()" : "'" + schema + "'");
          default ->
              "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
        };
    Set<String> out = new TreeSet<>();
    for (String name : strings(sql)) {
      out.add(name.toLowerCase(Locale.ROOT));
    }
    out.remove("retort_history");
    return out;
  }

  /** Column names of a table in the default schema, lower-cased. */
  Set<String> columns(String table) throws SQLException {
    String sql =
        switch (kind()) {
          case "sqlite" -> "SELECT name FROM pragma_table_info('" + table + "')";
          case "postgresql" ->
              "SELECT column_name FROM information_schema.columns"
                  + " WHERE table_schema = current_schema() AND table_name = '"
                  + table
                  + "'";
          default ->
              "SELECT column_name FROM information_schema.columns"
                  + " WHERE table_schema = DATABASE() AND table_name = '"
                  + table
                  + "'";
        };
    Set<String> out = new TreeSet<>();
    for (String name : strings(sql)) {
      out.add(name.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** Whether the history table exists in the default schema. */
  boolean hasHistoryTable() throws SQLException {
    String sql =
        switch (kind()) {
          case "sqlite" -> "SELECT count(*) FROM sqlite_master WHERE name = 'retort_history'";
          case "postgresql" ->
              "SELECT count(*) FROM information_schema.tables"
                  + " WHERE table_schema = current_schema() AND table_name = 'retort_history'";
          default ->
              "SELECT count(*) FROM information_schema.tables"
                  + " WHERE table_schema = DATABASE() AND table_name = 'retort_history'";
        };
    return count(sql) > 0;
  }

  /** Revisions in the history table, in apply order. */
  List<String> historyRevisions() throws SQLException {
    return strings("SELECT revision FROM retort_history ORDER BY apply_order");
  }

  @Override
  public void close() {
    db.close();
  }
}

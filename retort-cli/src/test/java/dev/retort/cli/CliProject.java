package dev.retort.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A retort project in a temporary folder: retort.toml, a migrations folder, and the SQLite database
 * the file points at; runs the CLI in-process against it and reads the database back.
 */
final class CliProject {
  final Path dir;
  final Path config;
  final Path migrations;
  final Path db;

  private CliProject(Path dir) {
    this.dir = dir;
    this.config = dir.resolve("retort.toml");
    this.migrations = dir.resolve("migrations");
    this.db = dir.resolve("app.db");
  }

  /** A project whose retort.toml has {@code url = "jdbc:sqlite:app.db"} and one folder. */
  static CliProject sqlite(Path dir) {
    CliProject p = new CliProject(dir);
    p.writeConfig("url = \"jdbc:sqlite:app.db\"\nmigrations = [\"migrations\"]\n");
    try {
      Files.createDirectories(p.migrations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  void writeConfig(String toml) {
    write(config, toml);
  }

  /** What one run of the CLI printed and returned. */
  record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code retort ARGS} in-process, exactly as given. */
  static Result runRaw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit;
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      exit = Main.run(args, o, e);
    }
    return new Result(exit, out.toString(), err.toString());
  }

  /** Runs {@code retort --config <this project's retort.toml> ARGS} in-process. */
  Result run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return runRaw(all);
  }

  /**
   * Writes {@code migrations/<file>.sql} with the given header values; {@code down} may be null for
   * a migration without a down part.
   */
  Path migration(String file, String id, String parents, String up, String down) {
    StringBuilder text = new StringBuilder();
    text.append("-- retort:revision ").append(id).append('\n');
    if (parents != null) {
      text.append("-- retort:parents ").append(parents).append('\n');
    }
    text.append("-- retort:description ").append(file.replace('_', ' ')).append('\n');
    text.append("-- retort:up\n").append(up).append('\n');
    if (down != null) {
      text.append("-- retort:down\n").append(down).append('\n');
    }
    Path path = migrations.resolve(file + ".sql");
    write(path, text.toString());
    return path;
  }

  /** Three linear migrations a1 <- b2 <- c3 creating tables t1, t2, t3. */
  void threeMigrations() {
    migration(
        "001_create_t1",
        "a1a1a1a1a1a1",
        null,
        "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            + "INSERT INTO t1 (name) VALUES ('one;two');",
        "DROP TABLE t1;");
    migration(
        "002_create_t2",
        "b2b2b2b2b2b2",
        "a1a1a1a1a1a1",
        "CREATE TABLE t2 (id INTEGER PRIMARY KEY);",
        "DROP TABLE t2;");
    migration(
        "003_create_t3",
        "c3c3c3c3c3c3",
        "b2b2b2b2b2b2",
        "CREATE TABLE t3 (id INTEGER PRIMARY KEY);\nCREATE INDEX t3_id ON t3 (id);",
        "DROP INDEX t3_id;\nDROP TABLE t3;");
  }

  /** The user tables of the database (history table included), sorted; empty when no file. */
  List<String> tables() {
    if (!Files.exists(db)) {
      return List.of();
    }
    return query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            + " ORDER BY name");
  }

  /** The revisions in the history table in apply order; empty when there is no table. */
  List<String> appliedRevisions() {
    if (!tables().contains("retort_history")) {
      return List.of();
    }
    return query("SELECT revision FROM retort_history ORDER BY apply_order");
  }

  /** A one-column query on the database, each row as a string. */
  List<String> query(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The migration files present, sorted by name. */
  List<Path> migrationFiles() {
    try (Stream<Path> files = Files.list(migrations)) {
      return new ArrayList<>(new TreeSet<>(files.toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] dbBytes() {
    try {
      return Files.readAllBytes(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

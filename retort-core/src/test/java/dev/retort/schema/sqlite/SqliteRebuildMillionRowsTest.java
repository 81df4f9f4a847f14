package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqliteFiles.count;
import static dev.retort.schema.sqlite.SqliteFiles.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drops a column of a 1,000,000-row table by rebuild, with and without progress reports, and, when
 * the sqlite3 shell is on the PATH, checks that the shell running the same statements ends with the
 * same rows. Correctness only: the time it takes, against the shell and against Flyway and
 * Liquibase, is measured by bench/run (docs/benchmarks.md), never asserted here.
 */
class SqliteRebuildMillionRowsTest {
  private static final int ROWS = 1_000_000;

  @TempDir Path dir;

  @Test
  void dropColumnOfAMillionRowsAsTheShellDoes() throws Exception {
    Path ours = dir.resolve("ours.db");
    try (Connection c = SqliteFiles.open(ours)) {
      exec(
          c,
          "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT,"
              + " score REAL, notes TEXT, created TEXT DEFAULT CURRENT_TIMESTAMP)",
          "INSERT INTO people (name, email, score, notes) SELECT 'person ' || value,"
              + " 'p' || value || '@example.org', value / 7.0, printf('%.40c', 'x') FROM "
              + SqliteFiles.series(ROWS),
          "CREATE INDEX people_email ON people (email)");
    }
    Path shell = dir.resolve("shell.db");
    Files.copy(ours, shell);
    Path chunked = dir.resolve("chunked.db");
    Files.copy(ours, chunked);

    List<String> script;
    try (Connection c = SqliteFiles.open(ours)) {
      SqliteTableRebuild.of("people", d -> d.dropColumn("notes")).run(c);
      assertThat(count(c, "SELECT count(*) FROM people")).isEqualTo(ROWS);
    }
    try (Connection c = SqliteFiles.open(shell)) {
      script = SqliteTableRebuild.of("people", d -> d.dropColumn("notes")).statements(c);
    }
    long[] reports = new long[1];
    try (Connection c = SqliteFiles.open(chunked)) {
      SqliteTableRebuild.of("people", d -> d.dropColumn("notes"))
          .withProgress((done, total) -> reports[0]++)
          .run(c);
    }
    assertThat(reports[0]).isGreaterThan(1);
    try (Connection a = SqliteFiles.open(ours);
        Connection b = SqliteFiles.open(chunked)) {
      String all = "SELECT * FROM people ORDER BY id";
      assertThat(SqliteFiles.checksum(b, all)).isEqualTo(SqliteFiles.checksum(a, all));
    }

    String sqlite3 = onPath("sqlite3");
    if (sqlite3 == null) {
      System.out.println("sqlite3 shell not on PATH: the comparison with it did not run");
      return;
    }
    Path scriptFile = dir.resolve("rebuild.sql");
    Files.writeString(scriptFile, String.join(";\n", script) + ";\n", StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(sqlite3, shell.toString())
            .redirectInput(scriptFile.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(output).isEmpty();
    try (Connection a = SqliteFiles.open(ours);
        Connection b = SqliteFiles.open(shell)) {
      String all = "SELECT * FROM people ORDER BY id";
      assertThat(SqliteFiles.checksum(b, all)).isEqualTo(SqliteFiles.checksum(a, all));
    }
  }

  private static String onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(d, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}

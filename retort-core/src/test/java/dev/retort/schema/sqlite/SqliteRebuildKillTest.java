package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqliteFiles.checksum;
import static dev.retort.schema.sqlite.SqliteFiles.count;
import static dev.retort.schema.sqlite.SqliteFiles.exec;
import static dev.retort.schema.sqlite.SqliteFiles.schema;
import static dev.retort.schema.sqlite.SqliteFiles.string;
import static dev.retort.schema.sqlite.SqliteFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rebuild killed mid-copy (kill -9 of the whole JVM) leaves the table exactly as it was. */
class SqliteRebuildKillTest {
  private static final int ROWS = 300_000;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"DELETE", "WAL"})
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aKilledRebuildLeavesTheTableIntactAndTheNextOneSucceeds(String journalMode)
      throws Exception {
    Path file = dir.resolve("big.db");
    List<String> schemaBefore;
    String rowsBefore;
    try (Connection c = SqliteFiles.open(file)) {
      exec(
          c,
          "PRAGMA journal_mode = " + journalMode,
          "CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload BLOB, n INT)",
          "CREATE INDEX big_n ON big (n)",
          "INSERT INTO big SELECT value, 'name ' || value, randomblob(100), value % 1000 FROM "
              + SqliteFiles.series(ROWS));
      schemaBefore = schema(c);
      rowsBefore = checksum(c, "SELECT * FROM big ORDER BY id");
    }

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RebuildChild.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("copied ")) {
          child.destroyForcibly();
          break;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).as("child output").anyMatch(l -> l.startsWith("copied "));
    assertThat(output).noneMatch(l -> l.equals("done"));
    String copied = output.get(output.size() - 1);
    assertThat(Long.parseLong(copied.split(" ")[1])).isLessThan(ROWS);
    System.out.println(journalMode + " journal: killed the rebuild after \"" + copied + "\"");

    try (Connection c = SqliteFiles.open(file)) {
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(schema(c)).isEqualTo(schemaBefore);
      assertThat(count(c, "SELECT count(*) FROM big")).isEqualTo(ROWS);
      assertThat(checksum(c, "SELECT * FROM big ORDER BY id")).isEqualTo(rowsBefore);
      // the transaction never committed, so not even the new table is left behind
      assertThat(
              strings(c, "SELECT name FROM sqlite_master WHERE name LIKE '\\_retort%' ESCAPE '\\'"))
          .isEmpty();

      SqliteTableRebuild.Result again =
          SqliteTableRebuild.of("big", d -> d.dropColumn("payload")).run(c);

      assertThat(again.rowsCopied()).isEqualTo(ROWS);
      assertThat(again.droppedLeftover()).isNull();
      assertThat(strings(c, "SELECT name FROM pragma_table_info('big')"))
          .containsExactly("id", "name", "n");
      assertThat(checksum(c, "SELECT id, name, n FROM big ORDER BY id"))
          .isEqualTo(expectedWithoutPayload(file));
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  /** The expected rows after the drop: recomputed, since the payload was random. */
  private static String expectedWithoutPayload(Path file) throws Exception {
    try (Connection c = SqliteFiles.open(file)) {
      return checksum(
          c,
          "SELECT value, 'name ' || value, value % 1000 FROM "
              + SqliteFiles.series(ROWS)
              + " ORDER BY value");
    }
  }
}

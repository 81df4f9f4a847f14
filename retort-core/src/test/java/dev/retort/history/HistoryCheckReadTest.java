package dev.retort.history;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import dev.retort.dialect.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history read without details has every column the checks before an upgrade use. */
class HistoryCheckReadTest {
  @TempDir Path dir;

  @Test
  void readsTheCheckedColumnsAsTheFullReadDoesAndLeavesTheOthersOut() throws Exception {
    Path folder = dir.resolve("m");
    write(folder, "001_a", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002_b", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    String url = "jdbc:sqlite:" + dir.resolve("app.db");
    Retort.configure().url(url, null, null).locations(folder.toString()).build().upgrade();
    HistoryTable table = new HistoryTable(new SqliteDialect(), null, "retort_history");

    List<HistoryRow> full;
    List<HistoryRow> check;
    try (Connection c = DriverManager.getConnection(url)) {
      full = table.read(c, true).orElseThrow();
      check = table.read(c, false).orElseThrow();
    }

    assertThat(check).hasSameSizeAs(full).hasSize(2);
    for (int i = 0; i < full.size(); i++) {
      HistoryRow f = full.get(i);
      HistoryRow k = check.get(i);
      assertThat(List.of(k.revision(), k.parents(), k.checksum(), k.checksumAlgorithm()))
          .isEqualTo(List.of(f.revision(), f.parents(), f.checksum(), f.checksumAlgorithm()));
      assertThat(List.of(k.appliedAt(), k.applyOrder(), k.state(), k.origin()))
          .isEqualTo(List.of(f.appliedAt(), f.applyOrder(), f.state(), f.origin()));
      assertThat(List.of(k.statementsTotal(), k.statementsDone()))
          .isEqualTo(List.of(f.statementsTotal(), f.statementsDone()));
      assertThat(k.error()).isEqualTo(f.error());
      assertThat(f.downScript()).isNotNull();
      assertThat(k.downScript()).isNull();
      assertThat(k.description()).isNull();
    }
  }

  @Test
  void aMissingTableReadsAsEmptyEitherWay() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("empty.db");
    HistoryTable table = new HistoryTable(new SqliteDialect(), null, "retort_history");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(table.read(c, false)).isEmpty();
      assertThat(table.read(c, true)).isEmpty();
    }
  }
}

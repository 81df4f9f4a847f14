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

/**
 * The light history read (upgrade's lock-free no-op check) has what tells whether a database is up
 * to date with the source, equal to the full read, and nothing else.
 */
class HistoryCheckReadTest {
  @TempDir Path dir;

  @Test
  void readsWhatTheNoOpCheckUsesAsTheFullReadDoesAndLeavesTheRestOut() throws Exception {
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
      assertThat(k.state()).isEqualTo(f.state());
      assertThat(f.appliedAt()).isNotNull();
      assertThat(List.of(f.applyOrder(), f.statementsTotal())).doesNotContain(0L, 0);
      assertThat(k.appliedAt()).isNull();
      assertThat(k.origin()).isNull();
      assertThat(List.of(k.applyOrder(), (long) k.statementsTotal())).containsOnly(0L);
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

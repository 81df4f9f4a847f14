package dev.retort.history;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.Retort;
import dev.retort.dialect.SqliteDialect;
import dev.retort.source.Checksums;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /**
   * On SQLite the light read fetches the whole history as one joined value; every kind of row reads
   * as the row-by-row read has it, and a value that holds one of the join's separators makes it
   * read row by row instead, with the same result.
   */
  @ParameterizedTest(name = "[{index}] revision {0}")
  @ValueSource(strings = {"plain", "a\u001eb", "a\u001fb", "=a", ""})
  void theJoinedReadHasEveryRowAsTheRowByRowReadHasIt(String revision) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("rows.db");
    HistoryTable table = new HistoryTable(new SqliteDialect(), null, "retort_history");
    List<HistoryRow> written =
        List.of(
            row("r1", List.of(), "c1", Checksums.ALGORITHM, 1, HistoryRow.State.APPLIED),
            row(revision, List.of("r1"), "c2", Checksums.ALGORITHM, 2, HistoryRow.State.APPLIED),
            row("r3", List.of("r1", "r2"), "", Checksums.ALGORITHM, 4, HistoryRow.State.APPLIED),
            row("r4", List.of("r3"), "c4", "md5-old", 5, HistoryRow.State.APPLIED),
            row("r5", List.of("r4"), null, null, 7, HistoryRow.State.APPLIED),
            row("r6", List.of("r5"), "c6", Checksums.ALGORITHM, 8, HistoryRow.State.FAILED),
            row("r7", List.of("r6"), "c7", Checksums.ALGORITHM, 9, HistoryRow.State.RUNNING));
    List<HistoryRow> check;
    List<String[]> joined;
    try (Connection c = DriverManager.getConnection(url)) {
      table.create(c);
      // Inserted out of order: both reads must come back in apply order.
      for (int i = written.size() - 1; i >= 0; i--) {
        table.insert(c, written.get(i));
      }
      check = table.read(c, false).orElseThrow();
      joined =
          JoinedRows.read(
              c, new SqliteDialect(), "\"retort_history\"", "\"apply_order\"", List.of("revision"));
    }

    boolean separator = revision.contains("\u001e") || revision.contains("\u001f");
    if (separator) {
      assertThat(joined).as("a separator inside a value").isNull();
    } else {
      assertThat(joined)
          .extracting(r -> r[0])
          .containsExactlyElementsOf(written.stream().map(HistoryRow::revision).toList());
    }
    assertThat(check)
        .extracting(
            HistoryRow::revision,
            HistoryRow::parents,
            HistoryRow::checksum,
            HistoryRow::checksumAlgorithm,
            HistoryRow::state)
        .containsExactly(
            tuple("r1", List.of(), "c1", Checksums.ALGORITHM, HistoryRow.State.APPLIED),
            tuple(revision, List.of("r1"), "c2", Checksums.ALGORITHM, HistoryRow.State.APPLIED),
            // an empty checksum matches none; another algorithm's and a stamp's are not compared
            tuple("r3", List.of("r1", "r2"), "!", Checksums.ALGORITHM, HistoryRow.State.APPLIED),
            tuple("r4", List.of("r3"), null, null, HistoryRow.State.APPLIED),
            tuple("r5", List.of("r4"), null, null, HistoryRow.State.APPLIED),
            // any state but applied reads as running; the full read that follows tells which
            tuple("r6", List.of("r5"), null, null, HistoryRow.State.RUNNING),
            tuple("r7", List.of("r6"), null, null, HistoryRow.State.RUNNING));
  }

  private static HistoryRow row(
      String revision,
      List<String> parents,
      String checksum,
      String algorithm,
      long order,
      HistoryRow.State state) {
    return new HistoryRow(
        revision,
        parents,
        "d",
        "sql",
        checksum,
        algorithm,
        "2026-01-01T00:00:00Z",
        "me@host",
        1,
        "0.1.0",
        null,
        order,
        state,
        1,
        state == HistoryRow.State.APPLIED ? 1 : 0,
        null,
        "m/" + revision + ".sql");
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

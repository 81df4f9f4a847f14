package dev.retort.schema.apply;

import static dev.retort.schema.apply.Sql.count;
import static dev.retort.schema.apply.Sql.exec;
import static dev.retort.schema.apply.Sql.schema;
import static dev.retort.schema.apply.Sql.sqliteMaster;
import static dev.retort.schema.apply.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.Column;
import dev.retort.schema.Table;
import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.Operations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SchemaChanges on a SQLite file opened with foreign keys enforced, where a careless rebuild's DROP
 * TABLE would cascade into child rows: operations outside a migration, in autocommit mode.
 */
class SqliteSchemaChangesTest {
  @TempDir Path dir;
  private String url;

  static final Column MS = Column.of("milliseconds", "integer");

  @BeforeEach
  void createChinookLikeTables() throws SQLException {
    url = "jdbc:sqlite:" + dir.resolve("music.db") + "?foreign_keys=true";
    try (Connection c = open()) {
      create(c, 1000);
    }
  }

  Connection open() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * album, track (with a comment, an index, a trigger and a view on it) and playlist_track, whose
   * rows go with their track (ON DELETE CASCADE).
   */
  static void create(Connection c, int tracks) throws SQLException {
    exec(
        c,
        "CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL)",
        "CREATE TABLE track (\n"
            + "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            + "  name TEXT NOT NULL, -- the title\n"
            + "  album_id integer,\n"
            + "  milliseconds integer,\n"
            + "  composer TEXT\n"
            + ")",
        "CREATE INDEX track_name ON track (name)",
        "CREATE TABLE playlist_track (playlist_id INTEGER NOT NULL,"
            + " track_id INTEGER NOT NULL REFERENCES track (id) ON DELETE CASCADE,"
            + " PRIMARY KEY (playlist_id, track_id))",
        "CREATE TABLE audit (track_id INTEGER, what TEXT)",
        "CREATE TRIGGER track_audit AFTER UPDATE ON track"
            + " BEGIN INSERT INTO audit VALUES (new.id, 'updated'); END",
        "CREATE VIEW long_tracks AS SELECT id, name FROM track WHERE milliseconds > 500",
        "INSERT INTO album VALUES (1, 'one'), (2, 'two')",
        "INSERT INTO track (name, album_id, milliseconds, composer)"
            + " WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < "
            + tracks
            + ") SELECT 'track ' || v, 1 + v % 2, v * 10,"
            + " CASE WHEN v % 3 = 0 THEN NULL ELSE 'c' || v END FROM s",
        "INSERT INTO playlist_track SELECT 1, id FROM track");
  }

  @Test
  void consecutiveChangesToOneTableShareOneRebuild() throws SQLException {
    try (Connection c = open()) {
      Operations ops =
          new Operations()
              .alterColumnType("track", MS, "bigint")
              .setNotNull("track", MS)
              .addCheck("track", "ms_positive", "milliseconds > 0")
              .createIndex("track", "track_album", "album_id")
              .addColumn("track", Column.of("bytes", "integer").withDefault("0"));

      List<Applied> applied = SchemaChanges.on(c).apply(ops);

      assertThat(applied).hasSize(2);
      assertThat(applied.get(0).method()).isEqualTo(Applied.Method.REBUILD);
      assertThat(applied.get(0).rowsCopied()).isEqualTo(1000);
      assertThat(applied.get(0).operations())
          .hasExactlyElementsOfTypes(
              AlterColumnType.class, AlterColumnNullability.class, AddCheck.class, AddColumn.class);
      assertThat(applied.get(1).method()).isEqualTo(Applied.Method.NATIVE);
      assertThat(applied.get(1).operations()).hasExactlyElementsOfTypes(CreateIndex.class);

      Table track = schema(c).table("track").orElseThrow();
      assertThat(track.column("milliseconds").orElseThrow())
          .extracting(Column::type, Column::nullable)
          .containsExactly("bigint", false);
      assertThat(strings(c, "SELECT sql FROM sqlite_master WHERE name = 'track'").get(0))
          .contains("name TEXT NOT NULL, -- the title")
          .contains("milliseconds bigint NOT NULL")
          .contains("CONSTRAINT \"ms_positive\" CHECK (milliseconds > 0)");
      assertSurvivors(c, 1000);
    }
  }

  /** Rows, indexes, trigger, view and child rows are all there and working. */
  static void assertSurvivors(Connection c, int tracks) throws SQLException {
    assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1);
    assertThat(count(c, "SELECT count(*) FROM track")).isEqualTo(tracks);
    assertThat(count(c, "SELECT count(*) FROM playlist_track")).isEqualTo(tracks);
    assertThat(count(c, "SELECT count(*) FROM long_tracks")).isEqualTo(tracks - 50);
    assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"))
        .contains("track_name");
    assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        .containsExactly("track_audit");
    exec(c, "UPDATE track SET name = 'renamed' WHERE id = 7");
    assertThat(strings(c, "SELECT what FROM audit WHERE track_id = 7")).containsExactly("updated");
    exec(c, "DELETE FROM track WHERE id = 7");
    assertThat(count(c, "SELECT count(*) FROM playlist_track")).isEqualTo(tracks - 1);
    assertThatThrownBy(() -> exec(c, "INSERT INTO playlist_track VALUES (1, 999999)"))
        .hasMessageContaining("FOREIGN KEY constraint failed");
    assertThat(count(c, "PRAGMA foreign_key_check")).isZero();
  }

  @Test
  void aChangeTheRowsDoNotFitRollsBackEveryOperation() throws SQLException {
    try (Connection c = open()) {
      List<String> before = sqliteMaster(c);
      Operations ops =
          new Operations()
              .addColumn("album", Column.of("year", "integer"))
              .alterColumnType("track", MS, "bigint")
              .setNotNull("track", Column.of("composer", "TEXT"));

      assertThatThrownBy(() -> SchemaChanges.on(c).apply(ops))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("table track was not changed")
          .hasMessageContaining("NOT NULL constraint failed: track.composer")
          .extracting(e -> ((RetortException) e).code())
          .isEqualTo(ErrorCode.MIGRATION_FAILED);

      assertThat(sqliteMaster(c)).isEqualTo(before);
      assertThat(c.getAutoCommit()).isTrue();
      assertSurvivors(c, 1000);
    }
  }

  @Test
  void aForeignKeyTheRowsBreakIsRefused() throws SQLException {
    try (Connection c = open()) {
      exec(c, "UPDATE track SET album_id = 99 WHERE id = 5");
      List<String> before = sqliteMaster(c);
      Operations ops =
          new Operations()
              .addForeignKey("track", "track_album", List.of("album_id"), "album", List.of("id"));

      assertThatThrownBy(() -> SchemaChanges.on(c).apply(ops))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("table track was not changed")
          .hasMessageContaining("foreign key");

      assertThat(sqliteMaster(c)).isEqualTo(before);
    }
  }

  @Test
  void insideTheCallersTransactionForeignKeysMustAlreadyBeOff() throws SQLException {
    try (Connection c = open()) {
      c.setAutoCommit(false);
      Operations ops = new Operations().setNotNull("track", MS);

      assertThatThrownBy(() -> SchemaChanges.on(c).apply(ops))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("PRAGMA foreign_keys is ON")
          .extracting(e -> ((RetortException) e).code())
          .isEqualTo(ErrorCode.USAGE);
      c.rollback();
      c.setAutoCommit(true);

      exec(c, "PRAGMA foreign_keys = OFF");
      c.setAutoCommit(false);
      List<Applied> applied = SchemaChanges.on(c).apply(ops);
      c.commit();
      c.setAutoCommit(true);
      exec(c, "PRAGMA foreign_keys = ON");

      assertThat(applied)
          .singleElement()
          .extracting(Applied::method)
          .isEqualTo(Applied.Method.REBUILD);
      assertSurvivors(c, 1000);
    }
  }

  @Test
  void whatSqliteCanDoInPlaceRunsNatively() throws SQLException {
    try (Connection c = open()) {
      Operations ops =
          new Operations()
              .addColumn("track", Column.of("bytes", "integer"))
              .renameColumn("track", "composer", "writer")
              .createIndex("track", "track_album", "album_id")
              .dropColumn("track", Column.of("bytes", "integer"));

      List<Applied> applied = SchemaChanges.on(c).apply(ops);

      assertThat(applied).extracting(Applied::method).containsOnly(Applied.Method.NATIVE);
      assertThat(applied.get(0).statements())
          .containsExactly("ALTER TABLE \"track\" ADD COLUMN \"bytes\" integer");
      assertThat(strings(c, "SELECT sql FROM sqlite_master WHERE name = 'track'").get(0))
          .contains("\"writer\" TEXT");
      assertSurvivors(c, 1000);
    }
  }
}

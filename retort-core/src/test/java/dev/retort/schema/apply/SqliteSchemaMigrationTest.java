package dev.retort.schema.apply;

import static dev.retort.schema.apply.Sql.count;
import static dev.retort.schema.apply.Sql.exec;
import static dev.retort.schema.apply.Sql.schema;
import static dev.retort.schema.apply.Sql.sqliteMaster;
import static dev.retort.schema.apply.Sql.strings;
import static dev.retort.schema.apply.SqliteSchemaChangesTest.assertSurvivors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.op.Operations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema migrations run by Retort on a SQLite file whose URL turns foreign keys on: table rebuilds
 * inside the migration's transaction keep every row, index, trigger, view and child row, and a
 * change that breaks the data rolls the whole migration back.
 */
class SqliteSchemaMigrationTest {
  @TempDir Path dir;

  /** A schema migration whose operations a test gives. */
  static final class Given extends SchemaMigration {
    private final Consumer<Operations> ops;

    Given(Consumer<Operations> ops) {
      this.ops = ops;
    }

    @Override
    public String id() {
      return "m1";
    }

    @Override
    public List<String> parents() {
      return List.of();
    }

    @Override
    protected void up(Operations operations) {
      ops.accept(operations);
    }
  }

  private String url(int tracks) throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("music.db") + "?foreign_keys=true";
    try (Connection c = DriverManager.getConnection(url)) {
      SqliteSchemaChangesTest.create(c, tracks);
    }
    return url;
  }

  private static Retort retort(String url, SchemaMigration migration, RetortListener listener) {
    return Retort.configure()
        .url(url, null, null)
        .javaMigrations(migration)
        .listener(listener)
        .build();
  }

  @Test
  void rebuildsInAMigrationKeepRowsIndexesTriggersViewsAndChildRows() throws SQLException {
    String url = url(1000);
    Column ms = SqliteSchemaChangesTest.MS;
    Given migration =
        new Given(
            ops ->
                ops.addColumn("track", Column.of("bytes", "integer"))
                    .alterColumnType("track", ms, "bigint")
                    .setNotNull("track", ms)
                    .setDefault("track", ms, "0")
                    .addCheck("track", "ms_positive", "milliseconds > 0")
                    .createIndex("track", "track_album", "album_id")
                    .addForeignKey(
                        "track", "track_album_fk", List.of("album_id"), "album", List.of("id"))
                    .renameColumn("track", "composer", "writer"));
    Progress progress = new Progress();
    Retort retort = retort(url, migration, progress);
    SchemaModel original;
    try (Connection c = DriverManager.getConnection(url)) {
      original = schema(c);
    }

    retort.upgrade();

    // All changes but the rename copied track once; the index was created after the copy.
    assertThat(progress.reports).containsExactly("copying \"track\" 1000/1000");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(strings(c, "SELECT sql FROM sqlite_master WHERE name = 'track'").get(0))
          .contains("-- the title")
          .contains("milliseconds bigint DEFAULT 0 NOT NULL")
          .contains("\"writer\" TEXT")
          .contains("\"bytes\" integer")
          .contains("CONSTRAINT \"track_album_fk\" FOREIGN KEY (\"album_id\")");
      assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"))
          .contains("track_album", "track_name");
      assertThatThrownBy(
              () ->
                  exec(c, "INSERT INTO track (name, album_id, milliseconds) VALUES ('x', 9, 100)"))
          .hasMessageContaining("FOREIGN KEY constraint failed");
      assertSurvivors(c, 1000);
    }

    retort.downgrade("base");

    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(schema(c)).isEqualTo(original);
      assertThat(count(c, "SELECT count(*) FROM track")).isEqualTo(999);
    }
  }

  @Test
  void aChangeThatBreaksAForeignKeyRollsBackTheWholeMigration() throws SQLException {
    String url = url(100);
    List<String> before;
    try (Connection c = DriverManager.getConnection(url)) {
      exec(c, "UPDATE track SET album_id = 99 WHERE id = 5");
      before = sqliteMaster(c);
    }
    Given migration =
        new Given(
            ops ->
                ops.addColumn("album", Column.of("year", "integer"))
                    .createIndex("album", "album_year", "year")
                    .alterColumnType("track", SqliteSchemaChangesTest.MS, "bigint")
                    .addForeignKey(
                        "track", "track_album_fk", List.of("album_id"), "album", List.of("id")));

    assertThatThrownBy(() -> retort(url, migration, RetortListener.NONE).upgrade())
        .isInstanceOf(RetortException.class)
        .hasMessageContaining("upgrade of m1 failed")
        .hasMessageContaining("table track was not changed: the change would break foreign keys")
        .hasMessageContaining("rolled back")
        .extracting(e -> ((RetortException) e).code())
        .isEqualTo(ErrorCode.MIGRATION_FAILED);

    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(sqliteMaster(c)).isEqualTo(before);
      assertThat(count(c, "SELECT count(*) FROM retort_history")).isZero();
      assertThat(count(c, "SELECT count(*) FROM playlist_track")).isEqualTo(100);
    }
  }

  /** What a listener heard. */
  static final class Progress implements RetortListener {
    final List<String> reports = new ArrayList<>();

    @Override
    public void progress(String what, long done, long total) {
      reports.add(what + " " + done + "/" + total);
    }
  }

  @Test
  void aLargeCopyReportsProgressToTheRunsListener() throws SQLException {
    String url = url(250_000);
    Progress progress = new Progress();
    Given migration = new Given(ops -> ops.setNotNull("track", SqliteSchemaChangesTest.MS));

    retort(url, migration, progress).upgrade();

    assertThat(progress.reports)
        .containsExactly(
            "copying \"track\" 100000/250000",
            "copying \"track\" 200000/250000",
            "copying \"track\" 250000/250000");
    try (Connection c = DriverManager.getConnection(url)) {
      assertSurvivors(c, 250_000);
    }
  }
}

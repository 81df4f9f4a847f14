package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqliteFiles.checksum;
import static dev.retort.schema.sqlite.SqliteFiles.count;
import static dev.retort.schema.sqlite.SqliteFiles.exec;
import static dev.retort.schema.sqlite.SqliteFiles.schema;
import static dev.retort.schema.sqlite.SqliteFiles.string;
import static dev.retort.schema.sqlite.SqliteFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTableRebuildTest {
  @TempDir Path dir;

  @Test
  void rebuildOfChinookAlbumKeepsEverythingAndFiresNoCascade() throws Exception {
    Path file = SqliteFiles.chinook(dir);
    try (Connection c = SqliteFiles.open(file)) {
      exec(
          c,
          "PRAGMA foreign_keys = ON",
          // a child with ON DELETE CASCADE: DROP TABLE with foreign keys on would empty it
          "CREATE TABLE AlbumNote (NoteId INTEGER PRIMARY KEY, AlbumId INTEGER NOT NULL"
              + " REFERENCES Album (AlbumId) ON DELETE CASCADE, Note TEXT)",
          "INSERT INTO AlbumNote (AlbumId, Note) SELECT AlbumId, 'note ' || Title FROM Album",
          "CREATE TABLE AlbumLog (AlbumId INTEGER, OldTitle TEXT)",
          "CREATE TRIGGER AlbumRenamed AFTER UPDATE OF Title ON Album BEGIN"
              + " INSERT INTO AlbumLog VALUES (old.AlbumId, old.Title); END",
          "CREATE VIEW AlbumWithArtist AS SELECT a.AlbumId, a.Title, r.Name FROM [Album] a"
              + " JOIN Artist r ON r.ArtistId = a.ArtistId",
          "CREATE VIEW ArtistAlbumCount AS SELECT Name, count(*) AS n FROM AlbumWithArtist"
              + " GROUP BY Name",
          "CREATE TRIGGER GenreAdded AFTER INSERT ON Genre BEGIN"
              + " UPDATE Album SET Title = Title WHERE AlbumId = -1; END",
          // DROP VIEW takes this trigger along; it must come back with its view
          "CREATE TRIGGER AlbumWithArtistInsert INSTEAD OF INSERT ON AlbumWithArtist BEGIN"
              + " INSERT INTO Album (Title, ArtistId)"
              + " SELECT new.Title, ArtistId FROM Artist WHERE Name = new.Name; END",
          "CREATE VIRTUAL TABLE AlbumSearch USING fts5(Title)");
      List<String> schemaBefore = schema(c);
      String albums = checksum(c, "SELECT rowid, * FROM Album ORDER BY rowid");
      String tracks = checksum(c, "SELECT rowid, * FROM Track ORDER BY rowid");
      String notes = checksum(c, "SELECT rowid, * FROM AlbumNote ORDER BY rowid");
      String counts = checksum(c, "SELECT * FROM ArtistAlbumCount ORDER BY Name");
      List<long[]> progress = new ArrayList<>();

      SqliteTableRebuild.Result result =
          SqliteTableRebuild.of(
                  "album", d -> d.replaceColumn("Title", "[Title] NVARCHAR(200) NOT NULL"))
              .withProgress((done, total) -> progress.add(new long[] {done, total}))
              .withChunkRows(100)
              .run(c);

      assertThat(result.table()).isEqualTo("Album");
      assertThat(result.rowsCopied()).isEqualTo(347);
      assertThat(result.recreatedIndexes()).containsExactly("IFK_AlbumArtistId");
      assertThat(result.recreatedTriggers())
          .containsExactly("AlbumRenamed", "AlbumWithArtistInsert");
      assertThat(result.recreatedViews()).containsExactly("AlbumWithArtist");
      assertThat(result.droppedIndexes()).isEmpty();
      assertThat(progress).extracting(p -> p[0]).containsExactly(100L, 200L, 300L, 347L);
      assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(347));

      assertThat(checksum(c, "SELECT rowid, * FROM Album ORDER BY rowid")).isEqualTo(albums);
      assertThat(checksum(c, "SELECT rowid, * FROM Track ORDER BY rowid")).isEqualTo(tracks);
      assertThat(checksum(c, "SELECT rowid, * FROM AlbumNote ORDER BY rowid")).isEqualTo(notes);
      assertThat(checksum(c, "SELECT * FROM ArtistAlbumCount ORDER BY Name")).isEqualTo(counts);
      assertThat(string(c, "SELECT sql FROM sqlite_master WHERE name = 'Album'"))
          .isEqualTo(
              "CREATE TABLE \"Album\"\n(\n    [AlbumId] INTEGER  NOT NULL,\n"
                  + "    [Title] NVARCHAR(200) NOT NULL,\n    [ArtistId] INTEGER  NOT NULL,\n"
                  + "    CONSTRAINT [PK_Album] PRIMARY KEY  ([AlbumId]),\n"
                  + "    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) \n"
                  + "\t\tON DELETE NO ACTION ON UPDATE NO ACTION\n)");
      List<String> schemaAfter = schema(c);
      assertThat(schemaAfter.stream().filter(s -> !s.startsWith("table|Album|")))
          .containsExactlyElementsOf(
              schemaBefore.stream().filter(s -> !s.startsWith("table|Album|")).toList());
      assertThat(string(c, "PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(strings(c, "PRAGMA foreign_key_check")).isEmpty();

      // the trigger, the incoming and the outgoing foreign keys all still work
      exec(c, "UPDATE Album SET Title = 'Renamed' WHERE AlbumId = 1");
      assertThat(count(c, "SELECT count(*) FROM AlbumLog WHERE AlbumId = 1")).isEqualTo(1);
      assertThatThrownBy(
              () ->
                  exec(
                      c,
                      "INSERT INTO Track (Name, AlbumId, MediaTypeId, Milliseconds, UnitPrice)"
                          + " VALUES ('x', 999999, 1, 1, 0.99)"))
          .hasMessageContaining("FOREIGN KEY constraint failed");
      assertThatThrownBy(() -> exec(c, "INSERT INTO Album (Title, ArtistId) VALUES ('x', 999999)"))
          .hasMessageContaining("FOREIGN KEY constraint failed");
      exec(c, "INSERT INTO Genre (Name) VALUES ('fires the other trigger')");
      exec(c, "INSERT INTO AlbumWithArtist (Title, Name) VALUES ('Via the view', 'AC/DC')");
      assertThat(count(c, "SELECT ArtistId FROM Album WHERE Title = 'Via the view'")).isEqualTo(1);
      exec(
          c,
          "INSERT INTO Album (AlbumId, Title, ArtistId) VALUES (1000, 'new', 1)",
          "INSERT INTO AlbumNote (AlbumId, Note) VALUES (1000, 'goes with its album')",
          "DELETE FROM Album WHERE AlbumId = 1000");
      assertThat(count(c, "SELECT count(*) FROM AlbumNote WHERE AlbumId = 1000")).isZero();
      assertThat(count(c, "SELECT count(*) FROM AlbumNote")).isEqualTo(347);
    }
  }

  @Test
  void onDeleteCascadeChildrenSurviveTheRebuildOfTheirParent() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "PRAGMA foreign_keys = ON",
          "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)",
          "CREATE TABLE child (id INTEGER PRIMARY KEY,"
              + " parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
          "INSERT INTO parent SELECT value, 'p' || value FROM " + SqliteFiles.series(100),
          "INSERT INTO child (parent_id) SELECT value FROM " + SqliteFiles.series(100));

      SqliteTableRebuild.of("parent", d -> d.replaceColumn("name", "name TEXT NOT NULL")).run(c);

      assertThat(count(c, "SELECT count(*) FROM child")).isEqualTo(100);
      exec(c, "DELETE FROM parent WHERE id <= 10");
      assertThat(count(c, "SELECT count(*) FROM child")).isEqualTo(90);
    }
  }

  @Test
  void keepsRowidsStrictWithoutRowidAndTheAutoincrementCounter() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE plain (name TEXT, n INT)",
          "INSERT INTO plain SELECT 'row ' || value, value FROM " + SqliteFiles.series(5000) + "",
          "DELETE FROM plain WHERE n % 7 = 0 OR n > 4990",
          "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)",
          "INSERT INTO counted (v) SELECT value FROM " + SqliteFiles.series(50) + "",
          "DELETE FROM counted WHERE id > 40",
          "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL) STRICT, WITHOUT ROWID",
          "INSERT INTO kv SELECT 'k' || value, value FROM " + SqliteFiles.series(1000) + "");
      String plain = checksum(c, "SELECT rowid, name, n FROM plain ORDER BY rowid");
      String kv = checksum(c, "SELECT * FROM kv ORDER BY k");

      SqliteTableRebuild.of("plain", d -> d.addColumn("extra TEXT DEFAULT 'e'"))
          .withProgress((done, total) -> {})
          .withChunkRows(333)
          .run(c);
      SqliteTableRebuild.of("counted", d -> d.replaceColumn("v", "v TEXT NOT NULL")).run(c);
      SqliteTableRebuild.of("kv", d -> d.replaceColumn("v", "v INTEGER CHECK (v > 0)")).run(c);

      assertThat(checksum(c, "SELECT rowid, name, n FROM plain ORDER BY rowid")).isEqualTo(plain);
      assertThat(count(c, "SELECT count(*) FROM plain WHERE extra = 'e'")).isEqualTo(4278);
      assertThat(string(c, "SELECT seq FROM sqlite_sequence WHERE name = 'counted'"))
          .isEqualTo("50");
      exec(c, "INSERT INTO counted (v) VALUES ('next')");
      assertThat(count(c, "SELECT max(id) FROM counted")).isEqualTo(51);
      assertThat(checksum(c, "SELECT * FROM kv ORDER BY k")).isEqualTo(kv);
      assertThat(string(c, "SELECT sql FROM sqlite_master WHERE name = 'kv'"))
          .isEqualTo(
              "CREATE TABLE \"kv\" (k TEXT PRIMARY KEY, v INTEGER CHECK (v > 0)) STRICT, WITHOUT ROWID");
      assertThatThrownBy(() -> exec(c, "INSERT INTO kv VALUES ('z', 'not a number')"))
          .hasMessageContaining("cannot store TEXT value in INTEGER column");
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @Test
  void dropsTheIndexesOfADroppedColumnAndRenamesInOthers() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT, c INT)",
          "INSERT INTO t (a, b, c) SELECT 'a' || value, value, value % 10 FROM "
              + SqliteFiles.series(100)
              + "",
          "CREATE INDEX t_a ON t (a)",
          "CREATE INDEX t_bc ON t (c, lower(a)) WHERE b > 3",
          "CREATE UNIQUE INDEX t_b ON t (b COLLATE nocase DESC)",
          "ANALYZE");
      assertThat(strings(c, "SELECT idx FROM sqlite_stat1 ORDER BY idx"))
          .containsExactly("t_a", "t_b", "t_bc");
      String stat = string(c, "SELECT stat FROM sqlite_stat1 WHERE idx = 't_b'");

      SqliteTableRebuild.Result r =
          SqliteTableRebuild.of("t", d -> d.dropColumn("a").renameColumn("b", "bee")).run(c);

      assertThat(r.droppedIndexes()).containsExactly("t_a", "t_bc");
      assertThat(r.recreatedIndexes()).containsExactly("t_b");
      assertThat(strings(c, "SELECT sql FROM sqlite_master WHERE type = 'index'"))
          .containsExactly("CREATE UNIQUE INDEX t_b ON t (\"bee\" COLLATE nocase DESC)");
      assertThat(count(c, "SELECT sum(bee) FROM t")).isEqualTo(5050);
      assertThat(strings(c, "SELECT tbl || ' ' || idx || ' ' || stat FROM sqlite_stat1"))
          .containsExactly("t t_b " + stat);
    }
  }

  @Test
  void aForeignKeyViolationRollsBackWithTheRowAndParent() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT)",
          "CREATE TABLE album (id INTEGER PRIMARY KEY, artist INT, title TEXT)",
          "INSERT INTO artist VALUES (1, 'a'), (2, 'b')",
          "INSERT INTO album VALUES (10, 1, 'x'), (11, 2, 'y'), (12, 7, 'dangling')");
      List<String> before = schema(c);

      assertThatThrownBy(
              () ->
                  SqliteTableRebuild.of(
                          "album",
                          d -> d.addConstraint("FOREIGN KEY (artist) REFERENCES artist (id)"))
                      .run(c))
          .isInstanceOf(RetortException.class)
          .hasMessage(
              "table album was not changed: the change would break foreign keys: row 12 of table"
                  + " album has no parent row in artist; fix the data or the change");

      assertThat(schema(c)).isEqualTo(before);
      assertThat(count(c, "SELECT count(*) FROM album")).isEqualTo(3);

      // a foreign key of another table that no longer matches: SQLite calls it a mismatch
      exec(c, "CREATE TABLE review (album_title TEXT REFERENCES album (title))");
      exec(c, "CREATE UNIQUE INDEX album_title ON album (title)");
      List<String> withReview = schema(c);
      assertThatThrownBy(() -> SqliteTableRebuild.of("album", d -> d.dropColumn("title")).run(c))
          .hasMessageContaining("the foreign keys of table review would no longer match it")
          .hasMessageContaining("foreign key mismatch");
      assertThat(schema(c)).isEqualTo(withReview);
    }
  }

  @Test
  void aViewOrTriggerUsingADroppedColumnFailsByName() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)",
          "INSERT INTO t (a, b) VALUES ('1', '2')",
          "CREATE TABLE log (x)",
          "CREATE VIEW tv AS SELECT id, b FROM t",
          "CREATE TRIGGER ta AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END",
          "CREATE TRIGGER tb AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.b); END",
          "CREATE TRIGGER other AFTER INSERT ON log BEGIN UPDATE t SET a = a WHERE 0; END");
      List<String> before = schema(c);

      assertThatThrownBy(() -> SqliteTableRebuild.of("t", d -> d.dropColumn("b")).run(c))
          .isInstanceOf(RetortException.class)
          .hasMessage(
              "table t was not changed: view tv would no longer work after the change (no such"
                  + " column: b); drop or rewrite it first");
      assertThat(schema(c)).isEqualTo(before);

      exec(c, "DROP VIEW tv");
      assertThatThrownBy(() -> SqliteTableRebuild.of("t", d -> d.dropColumn("b")).run(c))
          .hasMessage(
              "table t was not changed: trigger tb (on t) would no longer work after the change"
                  + " (no such column: new.b); drop or rewrite it first");
      exec(c, "DROP TRIGGER ta");
      assertThatThrownBy(() -> SqliteTableRebuild.of("t", d -> d.dropColumn("a")).run(c))
          .hasMessage(
              "table t was not changed: trigger other (on log) would no longer work after the"
                  + " change (no such column: a); drop or rewrite it first");
      assertThat(count(c, "SELECT count(*) FROM t WHERE b = '2'")).isEqualTo(1);
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @Test
  void recreatesTheTempTriggersOfThisConnectionAsTempTriggers() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE t (a, b)",
          "CREATE TABLE log (x)",
          "CREATE TEMP TRIGGER audit AFTER INSERT ON main.t BEGIN"
              + " INSERT INTO log VALUES (new.a); END");

      SqliteTableRebuild.Result r = SqliteTableRebuild.of("t", d -> d.dropColumn("b")).run(c);

      assertThat(r.recreatedTriggers()).containsExactly("audit");
      assertThat(strings(c, "SELECT name FROM sqlite_temp_master")).containsExactly("audit");
      assertThat(strings(c, "SELECT name FROM sqlite_master WHERE type = 'trigger'")).isEmpty();
      exec(c, "INSERT INTO t VALUES (7)");
      assertThat(strings(c, "SELECT x FROM log")).containsExactly("7");
    }
  }

  @Test
  void dropsALeftoverOfAnInterruptedRebuild() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(
          c,
          "CREATE TABLE t (a, b)",
          "INSERT INTO t VALUES (1, 2)",
          "CREATE TABLE \"_retort_new_t\" (a)",
          "INSERT INTO \"_retort_new_t\" VALUES (99)");

      SqliteTableRebuild.Result r = SqliteTableRebuild.of("t", d -> d.dropColumn("b")).run(c);

      assertThat(r.droppedLeftover()).isEqualTo("_retort_new_t");
      assertThat(strings(c, "SELECT name FROM sqlite_master")).containsExactly("t");
      assertThat(strings(c, "SELECT a FROM t")).containsExactly("1");
    }
  }

  @Test
  void ownsItsTransactionOrRunsInsideOneWithForeignKeysOff() throws SQLException {
    UnaryOperator<SqliteTableDefinition> drop = d -> d.dropColumn("b");
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(c, "CREATE TABLE t (a, b)", "INSERT INTO t VALUES (1, 2)", "PRAGMA foreign_keys = ON");

      c.setAutoCommit(false);
      assertThatThrownBy(() -> SqliteTableRebuild.of("t", drop).run(c))
          .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.USAGE))
          .hasMessageContaining("needs a connection in autocommit mode");
      assertThatThrownBy(() -> SqliteTableRebuild.of("t", drop).runInTransaction(c))
          .hasMessageContaining("PRAGMA foreign_keys is ON");
      c.rollback();
      c.setAutoCommit(true);

      exec(c, "BEGIN");
      assertThatThrownBy(() -> SqliteTableRebuild.of("t", drop).run(c))
          .hasMessageContaining("a transaction is open on this connection");
      exec(c, "ROLLBACK");
      assertThat(string(c, "PRAGMA foreign_keys")).isEqualTo("1");

      exec(c, "PRAGMA foreign_keys = OFF");
      c.setAutoCommit(false);
      exec(c, "INSERT INTO t VALUES (3, 4)");
      SqliteTableRebuild.of("t", drop).runInTransaction(c);
      assertThat(strings(c, "SELECT name FROM pragma_table_info('t')")).containsExactly("a");
      c.rollback();
      assertThat(strings(c, "SELECT name FROM pragma_table_info('t')")).containsExactly("a", "b");
      assertThat(count(c, "SELECT count(*) FROM t")).isEqualTo(1);

      // a failing rebuild inside the caller's transaction leaves the caller's work alone
      exec(c, "INSERT INTO t VALUES (5, 6)");
      assertThatThrownBy(
              () ->
                  SqliteTableRebuild.of("t", d -> d.replaceColumn("a", "a NOT NULL CHECK (a < 3)"))
                      .runInTransaction(c))
          .hasMessageContaining("copy the rows failed (CHECK constraint failed: a < 3)");
      assertThat(count(c, "SELECT count(*) FROM t")).isEqualTo(2);
      c.commit();
      c.setAutoCommit(true);
    }
  }

  @Test
  void statementsDoWhatTheRebuildDoes() throws Exception {
    Path live = SqliteFiles.chinook(dir);
    Path offline = dir.resolve("offline.db");
    Files.copy(live, offline);
    UnaryOperator<SqliteTableDefinition> change =
        d -> d.dropColumn("Composer").addColumn("[Rating] INTEGER NOT NULL DEFAULT 3");
    List<String> statements;
    try (Connection c = SqliteFiles.open(offline)) {
      exec(c, "PRAGMA foreign_keys = ON");
      List<String> before = schema(c);
      statements = SqliteTableRebuild.of("Track", change).statements(c);
      assertThat(schema(c)).isEqualTo(before);
      assertThat(statements.get(0))
          .startsWith("-- Rebuild of table \"Track\"")
          .endsWith("PRAGMA foreign_keys = OFF");
      assertThat(statements.get(statements.size() - 1)).isEqualTo("PRAGMA foreign_keys = ON");
      for (String sql : statements) {
        if (sql.contains("foreign_key_check")) {
          assertThat(strings(c, sql)).isEmpty();
        } else {
          exec(c, sql);
        }
      }
    }
    try (Connection c = SqliteFiles.open(live)) {
      exec(c, "PRAGMA foreign_keys = ON");
      SqliteTableRebuild.of("Track", change).run(c);
    }
    try (Connection a = SqliteFiles.open(live);
        Connection b = SqliteFiles.open(offline)) {
      assertThat(schema(b)).isEqualTo(schema(a));
      String all = "SELECT rowid, * FROM Track ORDER BY rowid";
      assertThat(checksum(b, all)).isEqualTo(checksum(a, all));
      assertThat(count(a, "SELECT count(*) FROM Track WHERE Rating = 3")).isEqualTo(3503);
    }
  }

  @Test
  void namesTheTablesWhenTheTableIsMissing() throws SQLException {
    try (Connection c = SqliteFiles.open(dir.resolve("t.db"))) {
      exec(c, "CREATE TABLE b (x)", "CREATE TABLE a (x)");
      assertThatThrownBy(() -> SqliteTableRebuild.of("c", d -> d).run(c))
          .hasMessage("there is no table c; the tables are a, b");
    }
  }
}

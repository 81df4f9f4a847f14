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
import dev.retort.schema.sqlite.SqliteAlter.Method;
import dev.retort.schema.sqlite.SqliteAlter.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAlterTest {
  @TempDir Path dir;

  private Connection small() throws SQLException {
    Connection c = SqliteFiles.open(dir.resolve("small.db"));
    exec(
        c,
        "PRAGMA foreign_keys = ON",
        "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO artist VALUES (1, 'one'), (2, 'two')",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT CHECK (a >= 0), b TEXT)",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')");
    return c;
  }

  @Test
  void addColumnIsNativeWhenSqliteAllowsIt() throws SQLException {
    try (Connection c = small()) {
      Result r = SqliteAlter.addColumn(c, "T", "note TEXT DEFAULT 'n'");
      assertThat(r.method()).isEqualTo(Method.NATIVE);
      assertThat(r.statement()).isEqualTo("ALTER TABLE \"t\" ADD COLUMN note TEXT DEFAULT 'n'");
      assertThat(SqliteAlter.addColumn(c, "t", "twice AS (a * 2)").method())
          .isEqualTo(Method.NATIVE);
      assertThat(SqliteAlter.addColumn(c, "t", "artist INT REFERENCES artist (id)").method())
          .isEqualTo(Method.NATIVE);
      assertThat(strings(c, "SELECT note || twice FROM t")).containsExactly("n2", "n4", "n6");
    }
  }

  @Test
  void addColumnRebuildsWhereSqliteRefuses() throws SQLException {
    try (Connection c = small()) {
      Result stamp =
          SqliteAlter.addColumn(c, "t", "created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP");
      assertThat(stamp.method()).isEqualTo(Method.REBUILD);
      assertThat(stamp.reason())
          .isEqualTo("ADD COLUMN needs a constant default, not CURRENT_TIMESTAMP");
      assertThat(count(c, "SELECT count(*) FROM t WHERE created LIKE '20%'")).isEqualTo(3);

      Result unique = SqliteAlter.addColumn(c, "t", "code TEXT UNIQUE");
      assertThat(unique.method()).isEqualTo(Method.REBUILD);
      assertThat(unique.reason()).contains("UNIQUE");

      assertThat(SqliteAlter.addColumn(c, "t", "total INT AS (a * 10) STORED").method())
          .isEqualTo(Method.REBUILD);
      assertThat(strings(c, "SELECT total FROM t")).containsExactly("10", "20", "30");

      Result fk = SqliteAlter.addColumn(c, "t", "artist INT DEFAULT 1 REFERENCES artist (id)");
      assertThat(fk.reason()).contains("REFERENCES");
      assertThatThrownBy(() -> exec(c, "INSERT INTO t (a, artist) VALUES (1, 9)"))
          .hasMessageContaining("FOREIGN KEY constraint failed");

      List<String> before = schema(c);
      assertThatThrownBy(() -> SqliteAlter.addColumn(c, "t", "required INT NOT NULL"))
          .isInstanceOf(RetortException.class)
          .hasMessage(
              "table t was not changed: copy the rows failed (NOT NULL constraint failed:"
                  + " t.required); the existing rows do not fit the new definition of the table");
      assertThat(schema(c)).isEqualTo(before);
      assertThat(string(c, "PRAGMA foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void dropColumnIsNativeForAPlainColumnEvenWithItsOwnCheck() throws SQLException {
    try (Connection c = small()) {
      Result r = SqliteAlter.dropColumn(c, "t", "A");
      assertThat(r.method()).isEqualTo(Method.NATIVE);
      assertThat(r.statement()).isEqualTo("ALTER TABLE \"t\" DROP COLUMN \"a\"");
      assertThat(strings(c, "SELECT name FROM pragma_table_info('t')")).containsExactly("id", "b");
    }
  }

  @Test
  void dropColumnOfChinookAlbumTakesItsForeignKeyAndIndexAlong() throws Exception {
    try (Connection c = SqliteFiles.open(SqliteFiles.chinook(dir))) {
      exec(c, "PRAGMA foreign_keys = ON");
      String titles = checksum(c, "SELECT AlbumId, Title FROM Album ORDER BY AlbumId");

      Result r = SqliteAlter.dropColumn(c, "Album", "ArtistId");

      assertThat(r.method()).isEqualTo(Method.REBUILD);
      assertThat(r.droppedConstraints())
          .containsExactly(
              "FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) \n"
                  + "\t\tON DELETE NO ACTION ON UPDATE NO ACTION");
      assertThat(r.droppedIndexes()).containsExactly("IFK_AlbumArtistId");
      assertThat(checksum(c, "SELECT AlbumId, Title FROM Album ORDER BY AlbumId"))
          .isEqualTo(titles);
      assertThat(count(c, "SELECT count(*) FROM Track")).isEqualTo(3503);
      assertThat(strings(c, "PRAGMA foreign_key_check")).isEmpty();
      assertThat(string(c, "PRAGMA integrity_check")).isEqualTo("ok");

      assertThatThrownBy(() -> SqliteAlter.dropColumn(c, "Album", "AlbumId"))
          .hasMessage(
              "cannot drop column AlbumId of table Album: a foreign key of table Track refers to"
                  + " it; drop that foreign key first");
      assertThatThrownBy(() -> SqliteAlter.dropColumn(c, "Album", "Nope"))
          .hasMessage("table Album has no column Nope; its columns are AlbumId, Title");
    }
  }

  @Test
  void dropColumnRebuildsWhenATriggerOrViewMayUseIt() throws SQLException {
    try (Connection c = small()) {
      exec(
          c,
          "CREATE VIEW artist_names AS SELECT name AS b FROM artist",
          "CREATE VIEW tb AS SELECT id, b FROM t");
      Result coincidence = SqliteAlter.dropColumn(c, "t", "a");
      assertThat(coincidence.method()).isEqualTo(Method.NATIVE);

      List<String> before = schema(c);
      assertThatThrownBy(() -> SqliteAlter.dropColumn(c, "t", "b"))
          .hasMessage(
              "table t was not changed: view tb would no longer work after the change (no such"
                  + " column: b); drop or rewrite it first");
      assertThat(schema(c)).isEqualTo(before);
    }
  }

  @Test
  void oldSqliteVersionsGetARebuildInstead() throws SQLException {
    try (Connection c = small()) {
      exec(c, "CREATE INDEX t_b ON t (b)", "CREATE INDEX t_a ON t (a)");
      Result drop = SqliteAlter.dropColumn(c, "t", "a", SqliteAlter.version("3.35.4"));
      assertThat(drop.method()).isEqualTo(Method.REBUILD);
      assertThat(drop.reason()).isEqualTo("DROP COLUMN needs SQLite 3.35.5 or later");
      assertThat(drop.droppedIndexes()).containsExactly("t_a");

      Result rename = SqliteAlter.renameColumn(c, "t", "b", "label", SqliteAlter.version("3.24.0"));
      assertThat(rename.method()).isEqualTo(Method.REBUILD);
      assertThat(string(c, "SELECT sql FROM sqlite_master WHERE name = 't_b'"))
          .isEqualTo("CREATE INDEX t_b ON t (\"label\")");
      assertThat(strings(c, "SELECT label FROM t")).containsExactly("x", "y", "z");
      assertThat(SqliteAlter.version("3.50.3")).isEqualTo(3_050_003);
      assertThat(SqliteAlter.version(SqliteFiles.string(c, "SELECT sqlite_version()")))
          .isGreaterThanOrEqualTo(SqliteAlter.DROP_COLUMN);
    }
  }

  @Test
  void renameColumnIsNativeAndSqliteFollowsItEverywhere() throws SQLException {
    try (Connection c = small()) {
      exec(
          c,
          "CREATE TABLE child (tid INTEGER REFERENCES t (id))",
          "CREATE INDEX t_b ON t (b)",
          "CREATE VIEW tb AS SELECT b FROM t");
      Result r = SqliteAlter.renameColumn(c, "t", "id", "key");
      assertThat(r.method()).isEqualTo(Method.NATIVE);
      assertThat(r.statement()).isEqualTo("ALTER TABLE \"t\" RENAME COLUMN \"id\" TO \"key\"");
      assertThat(string(c, "SELECT sql FROM sqlite_master WHERE name = 'child'"))
          .isEqualTo("CREATE TABLE child (tid INTEGER REFERENCES t (\"key\"))");
    }
  }

  @Test
  void alterAndConstraintChangesRebuild() throws Exception {
    try (Connection c = SqliteFiles.open(SqliteFiles.chinook(dir))) {
      exec(c, "PRAGMA foreign_keys = ON");
      String customers = checksum(c, "SELECT rowid, * FROM Customer ORDER BY rowid");

      Result alter =
          SqliteAlter.alterColumn(
              c, "Customer", "email", "[Email] NVARCHAR(60) NOT NULL CHECK (Email LIKE '%@%')");
      assertThat(alter.method()).isEqualTo(Method.REBUILD);
      assertThat(alter.rebuild().rowsCopied()).isEqualTo(59);
      assertThat(checksum(c, "SELECT rowid, * FROM Customer ORDER BY rowid")).isEqualTo(customers);
      assertThatThrownBy(() -> exec(c, "UPDATE Customer SET Email = 'nope' WHERE CustomerId = 1"))
          .hasMessageContaining("CHECK constraint failed");

      List<String> before = schema(c);
      assertThatThrownBy(
              () ->
                  SqliteAlter.addConstraint(
                      c, "Customer", "CONSTRAINT one_country UNIQUE (Country)"))
          .hasMessageContaining("UNIQUE constraint failed: Customer.Country");
      assertThat(schema(c)).isEqualTo(before);

      assertThat(
              SqliteAlter.addConstraint(c, "Customer", "CONSTRAINT uq_email UNIQUE (Email)")
                  .method())
          .isEqualTo(Method.REBUILD);
      assertThatThrownBy(
              () ->
                  exec(
                      c,
                      "INSERT INTO Customer (FirstName, LastName, Email)"
                          + " SELECT FirstName, LastName, Email FROM Customer WHERE CustomerId = 1"))
          .hasMessageContaining("UNIQUE constraint failed");

      Result drop =
          SqliteAlter.dropConstraint(
              c,
              "Album",
              "FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE NO ACTION ON"
                  + " UPDATE NO ACTION");
      assertThat(drop.method()).isEqualTo(Method.REBUILD);
      exec(c, "INSERT INTO Album (Title, ArtistId) VALUES ('no artist', 999999)");
      assertThat(strings(c, "PRAGMA foreign_key_check")).isEmpty();
      assertThatThrownBy(() -> SqliteAlter.dropConstraint(c, "Album", "PK_Nope"))
          .hasMessage("table Album has no constraint PK_Nope; its table constraints are: PK_Album");
    }
  }

  @Test
  void insideATransactionTheRebuildNeedsForeignKeysOff() throws SQLException {
    try (Connection c = small()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> SqliteAlter.alterColumn(c, "t", "b", "b TEXT NOT NULL"))
          .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.USAGE))
          .hasMessageContaining("set it OFF before the transaction begins");
      c.rollback();
      c.setAutoCommit(true);
      exec(c, "PRAGMA foreign_keys = OFF");
      c.setAutoCommit(false);
      assertThat(SqliteAlter.alterColumn(c, "t", "b", "b TEXT NOT NULL").method())
          .isEqualTo(Method.REBUILD);
      c.commit();
      assertThat(string(c, "SELECT sql FROM sqlite_master WHERE name = 't'"))
          .isEqualTo(
              "CREATE TABLE \"t\" (id INTEGER PRIMARY KEY, a INT CHECK (a >= 0), b TEXT NOT NULL)");
    }
  }
}

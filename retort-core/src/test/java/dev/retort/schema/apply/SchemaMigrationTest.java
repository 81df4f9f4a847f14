package dev.retort.schema.apply;

import static dev.retort.schema.apply.Sql.count;
import static dev.retort.schema.apply.Sql.exec;
import static dev.retort.schema.apply.Sql.schema;
import static dev.retort.schema.apply.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;
import dev.retort.schema.op.Operations;
import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One {@link SchemaMigration} upgraded and downgraded through Retort on SQLite, PostgreSQL and
 * MariaDB: the same Java code, rendered for each database.
 */
class SchemaMigrationTest {
  @TempDir Path dir;

  static List<String> kinds() {
    return TestDatabases.kinds();
  }

  /** Changes seven things about track, the way an application's migration would. */
  static final class TrackChanges extends SchemaMigration {
    @Override
    public String id() {
      return "t1";
    }

    @Override
    public List<String> parents() {
      return List.of();
    }

    @Override
    protected void up(Operations ops) {
      Column ms = Column.of("milliseconds", "integer");
      ops.addColumn("track", Column.of("bytes", "integer"))
          .alterColumnType("track", ms, "bigint")
          .setNotNull("track", ms)
          .createIndex("track", "track_album_idx", "album_id")
          .addForeignKey("track", "track_album_fk", List.of("album_id"), "album", List.of("id"))
          .renameColumn("track", "composer", "writer")
          .dropColumn("track", Column.of("unit_price", "numeric(10,2)"));
    }
  }

  /** album and track, created outside Retort so that downgrade to base leaves them. */
  private static void createOriginal(Connection c) throws Exception {
    Operations ops =
        new Operations()
            .createTable(
                "album",
                List.of(Column.of("id", "integer").notNull(), Column.of("title", "varchar(100)")),
                "id")
            .createTable(
                "track",
                List.of(
                    Column.of("id", "integer").notNull(),
                    Column.of("name", "varchar(100)").notNull(),
                    Column.of("album_id", "integer"),
                    Column.of("milliseconds", "integer"),
                    Column.of("composer", "varchar(100)"),
                    Column.of("unit_price", "numeric(10,2)")),
                "id");
    SchemaChanges.on(c).apply(ops);
    exec(
        c,
        "INSERT INTO album (id, title) VALUES (1, 'one'), (2, 'two')",
        "INSERT INTO track (id, name, album_id, milliseconds, composer, unit_price) VALUES"
            + " (1, 'a', 1, 1000, 'x', 0.99), (2, 'b', 2, 2000, 'y', 0.99),"
            + " (3, 'c', NULL, 3000, NULL, 1.99)");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void oneMigrationUpgradesAndDowngradesEveryDatabase(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir);
        Connection c = db.connect()) {
      createOriginal(c);
      SchemaModel original = schema(c);
      Retort retort =
          Retort.configure().dataSource(db.dataSource()).javaMigrations(new TrackChanges()).build();

      retort.upgrade();

      Table track = schema(c).table("track").orElseThrow();
      assertThat(track.columns())
          .extracting(Column::name)
          .containsExactly("id", "name", "album_id", "milliseconds", "writer", "bytes");
      Column ms = track.column("milliseconds").orElseThrow();
      assertThat(ms.type()).startsWith("bigint");
      assertThat(ms.nullable()).isFalse();
      assertThat(track.indexes()).extracting(Index::name).contains("track_album_idx");
      assertThat(track.foreignKeys())
          .singleElement()
          .satisfies(
              fk -> {
                assertThat(fk.name()).isEqualTo("track_album_fk");
                assertThat(fk.columns()).containsExactly("album_id");
                assertThat(fk.referencedTable()).isEqualTo("album");
              });
      assertThat(strings(c, "SELECT writer FROM track ORDER BY id"))
          .containsExactly("x", "y", null);
      assertThat(retort.current()).containsExactly("t1");

      retort.downgrade("base");

      assertThat(schema(c)).isEqualTo(original);
      assertThat(strings(c, "SELECT composer FROM track ORDER BY id"))
          .containsExactly("x", "y", null);
      assertThat(count(c, "SELECT count(*) FROM track WHERE milliseconds >= 1000")).isEqualTo(3);
      assertThat(retort.current()).isEmpty();
    }
  }

  /** Adds a column, then fails: track 3 has no composer. */
  static final class FailsHalfWay extends SchemaMigration {
    @Override
    public String id() {
      return "f1";
    }

    @Override
    public List<String> parents() {
      return List.of();
    }

    @Override
    protected void up(Operations ops) {
      ops.addColumn("track", Column.of("bytes", "integer"))
          .setNotNull("track", Column.of("composer", "varchar(100)"));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFailureRollsBackOrIsRecordedWhereDdlCommitsByItself(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir);
        Connection c = db.connect()) {
      createOriginal(c);
      SchemaModel original = schema(c);
      Retort retort =
          Retort.configure().dataSource(db.dataSource()).javaMigrations(new FailsHalfWay()).build();

      RetortException e = catchThrowableOfType(RetortException.class, retort::upgrade);

      assertThat(e).hasMessageContaining("upgrade of f1 failed").hasMessageContaining("composer");
      if (kind.equals("mariadb")) {
        assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
        assertThat(e).hasMessageContaining("'retort resolve f1 --applied' or '--rolled-back'");
        assertThat(retort.status().with(RevisionStatus.State.FAILED))
            .singleElement()
            .satisfies(r -> assertThat(r.row().error()).startsWith("upgrade failed in Java code"));
        assertThat(schema(c).table("track").orElseThrow().column("bytes")).isPresent();
      } else {
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e).hasMessageContaining("rolled back");
        assertThat(schema(c)).isEqualTo(original);
        assertThat(count(c, "SELECT count(*) FROM retort_history")).isZero();
      }
    }
  }

  @Test
  void aSchemaMigrationHasADownWhenEveryOperationCanBeUndone() {
    assertThat(new TrackChanges().hasDown()).isTrue();
    SchemaMigration enumValue =
        new SchemaMigration() {
          @Override
          public String id() {
            return "e1";
          }

          @Override
          public List<String> parents() {
            return List.of();
          }

          @Override
          protected void up(Operations ops) {
            ops.addEnumValue("mood", "ecstatic");
          }
        };
    assertThat(enumValue.hasDown()).isFalse();
  }
}

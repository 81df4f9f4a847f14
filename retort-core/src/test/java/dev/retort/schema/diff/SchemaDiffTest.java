package dev.retort.schema.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.FeatureRoundTripTest;
import dev.retort.schema.Fixtures;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TestDb;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddEnumValue;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.CreateView;
import dev.retort.schema.op.DropTable;
import dev.retort.schema.op.DropView;
import dev.retort.schema.op.Operations;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.render.DdlRenderers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diffs between two live databases: the operations are the expected ones, applying them to the
 * first database makes it equal to the second, and their inverses bring it back.
 */
class SchemaDiffTest {
  @TempDir Path dir;

  @Test
  void postgres() throws Exception {
    try (TestDb a = TestDb.postgres();
        TestDb b = TestDb.postgres()) {
      a.execute(
          "CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL, bio text DEFAULT 'none')",
          "CREATE TABLE book (id integer PRIMARY KEY, title varchar(100) NOT NULL,"
              + " author_id integer, price numeric(6,2))",
          "CREATE TABLE legacy (id integer PRIMARY KEY, author_id integer REFERENCES author (id))",
          "CREATE VIEW book_titles AS SELECT title FROM book");
      b.execute(
          "CREATE TABLE author (id integer PRIMARY KEY, name text, bio text DEFAULT 'n/a')",
          "CREATE TABLE book (id integer PRIMARY KEY, title varchar(200) NOT NULL,"
              + " author_id integer REFERENCES author (id), price numeric(6,2), isbn text)",
          "CREATE INDEX book_title_idx ON book (title, id)",
          "CREATE TABLE review (id integer PRIMARY KEY, book_id integer NOT NULL"
              + " REFERENCES book (id), stars integer CHECK (stars BETWEEN 1 AND 5))",
          "CREATE VIEW book_titles AS SELECT title FROM book");
      List<SchemaOperation> ops = SchemaDiff.between(a.introspect(), b.introspect());
      assertThat(ops)
          .extracting(op -> op.getClass().getSimpleName())
          .containsExactly(
              "DropView", // book_titles reads book.title, whose type changes
              "DropTable",
              "CreateTable",
              "AlterColumnNullability",
              "AlterColumnDefault",
              "AlterColumnType",
              "AddColumn",
              "CreateIndex",
              "AddForeignKey",
              "CreateView");
      assertThat(((AddForeignKey) ops.get(8)).foreignKey().name()).isEqualTo("book_author_id_fkey");
      assertThat(((AlterColumnType) ops.get(5)).destructive()).isFalse(); // widening
      assertThat(((DropTable) ops.get(1)).destructive()).isTrue();
      assertAppliesAndReverts(a, b, ops);
    }
  }

  @Test
  void postgresEnumLabelIsAddedInPlace() throws Exception {
    try (TestDb a = TestDb.postgres();
        TestDb b = TestDb.postgres()) {
      a.execute("CREATE TYPE genre AS ENUM ('fiction', 'poetry')");
      b.execute("CREATE TYPE genre AS ENUM ('essay', 'fiction', 'drama', 'poetry', 'satire')");
      List<SchemaOperation> ops = SchemaDiff.between(a.introspect(), b.introspect());
      assertThat(ops)
          .containsExactly(
              new AddEnumValue("genre", "satire", null),
              new AddEnumValue("genre", "drama", "poetry"),
              new AddEnumValue("genre", "essay", "fiction"));
      a.execute(DdlRenderers.forDialect(a.dialect).render(ops));
      assertThat(a.introspect()).isEqualTo(b.introspect());
      assertThatThrownBy(() -> ops.get(0).inverse())
          .isInstanceOf(RetortException.class)
          .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.USAGE));
    }
  }

  @Test
  void mariadb() throws Exception {
    try (TestDb a = TestDb.mariadb();
        TestDb b = TestDb.mariadb()) {
      a.execute(
          "CREATE TABLE author (id int PRIMARY KEY, name varchar(50) NOT NULL,"
              + " bio varchar(50) DEFAULT 'none')",
          "CREATE TABLE book (id int PRIMARY KEY, title varchar(100) NOT NULL, author_id int)",
          "CREATE TABLE legacy (id int PRIMARY KEY)");
      b.execute(
          "CREATE TABLE author (id int PRIMARY KEY, name varchar(50),"
              + " bio varchar(50) DEFAULT 'n/a')",
          "CREATE TABLE book (id int PRIMARY KEY, title varchar(80) NOT NULL, author_id int,"
              + " isbn varchar(20), FOREIGN KEY (author_id) REFERENCES author (id))",
          "CREATE INDEX book_title_idx ON book (title, id)");
      List<SchemaOperation> ops = SchemaDiff.between(a.introspect(), b.introspect());
      assertThat(ops)
          .extracting(op -> op.getClass().getSimpleName())
          .containsExactly(
              "DropTable",
              "AlterColumnNullability",
              "AlterColumnDefault",
              "AlterColumnType",
              "AddColumn",
              "CreateIndex", // the index MariaDB made for the foreign key, named after the column
              "CreateIndex",
              "AddForeignKey");
      assertThat(ops.get(3).destructive()).isTrue(); // varchar(100) -> varchar(80)
      assertAppliesAndReverts(a, b, ops);
    }
  }

  @Test
  void sqlite() throws Exception {
    try (TestDb a = TestDb.sqlite(dir);
        TestDb b = TestDb.sqlite(dir)) {
      a.execute(
          "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
          "CREATE TABLE legacy (id INTEGER PRIMARY KEY)");
      b.execute(
          "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, bio TEXT DEFAULT 'none')",
          "CREATE INDEX author_name ON author (name)",
          "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author (id),"
              + " title TEXT)",
          "CREATE VIEW names AS SELECT name FROM author",
          "CREATE TRIGGER author_ai AFTER INSERT ON author BEGIN SELECT 1; END");
      List<SchemaOperation> ops = SchemaDiff.between(a.introspect(), b.introspect());
      assertThat(ops)
          .extracting(op -> op.getClass().getSimpleName())
          .containsExactly(
              DropTable.class.getSimpleName(),
              CreateTable.class.getSimpleName(),
              AddColumn.class.getSimpleName(),
              CreateIndex.class.getSimpleName(),
              CreateView.class.getSimpleName(),
              CreateTrigger.class.getSimpleName());
      assertAppliesAndReverts(a, b, ops);
    }
  }

  @Test
  void identicalSchemasHaveNoDifferences() throws Exception {
    try (TestDb a = TestDb.postgres();
        TestDb b = TestDb.postgres()) {
      a.execute(Fixtures.chinookSchema("Chinook_PostgreSql.sql"));
      b.execute(Fixtures.chinookSchema("Chinook_PostgreSql.sql"));
      assertThat(SchemaDiff.between(a.introspect(), b.introspect())).isEmpty();
    }
  }

  /** Constraints the database named itself compare by content, whatever the names. */
  @Test
  void constraintNamesDoNotMatter() throws Exception {
    try (TestDb a = TestDb.postgres();
        TestDb b = TestDb.postgres()) {
      a.execute(
          "CREATE TABLE author (id integer PRIMARY KEY)",
          "CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id),"
              + " n integer CHECK (n > 0), UNIQUE (n))");
      b.execute(
          "CREATE TABLE author (id integer CONSTRAINT pk_author PRIMARY KEY)",
          "CREATE TABLE book (id integer PRIMARY KEY, author_id integer,"
              + " n integer CONSTRAINT positive CHECK (n > 0), CONSTRAINT one_n UNIQUE (n),"
              + " CONSTRAINT book_author FOREIGN KEY (author_id) REFERENCES author (id))");
      assertThat(SchemaDiff.between(a.introspect(), b.introspect())).isEmpty();
    }
  }

  @Test
  void columnChangesComeInOneStepPerAspect() {
    var from =
        dev.retort.schema.Table.of(
            "t", List.of(dev.retort.schema.Column.of("c", "integer").withDefault("1")));
    var to =
        from.withColumns(
            List.of(dev.retort.schema.Column.of("c", "bigint").notNull().withDefault("2")));
    List<SchemaOperation> ops =
        SchemaDiff.between(
            new SchemaModel(List.of(from), null, null, null),
            new SchemaModel(List.of(to), null, null, null));
    assertThat(ops).hasSize(3);
    assertThat(ops.get(0)).isInstanceOf(AlterColumnType.class);
    assertThat(((AlterColumnNullability) ops.get(1)).from().type()).isEqualTo("bigint");
    assertThat(((AlterColumnDefault) ops.get(2)).to()).isEqualTo(to.columns().get(0));
    assertThat(
            SchemaDiff.between(
                new SchemaModel(List.of(to), null, null, null),
                new SchemaModel(List.of(to), null, null, null)))
        .isEmpty();
    assertThat(new DropView(dev.retort.schema.View.of("v", "SELECT 1")).inverse())
        .isEqualTo(new CreateView(dev.retort.schema.View.of("v", "SELECT 1")));
  }

  /**
   * From nothing to the feature schemas (foreign-key cycles, owned sequences, enums, views over
   * views, triggers) and back.
   */
  @Test
  void featureSchemasFromEmptyAndBack() throws Exception {
    try (TestDb a = TestDb.postgres();
        TestDb b = TestDb.postgres()) {
      a.execute(FeatureRoundTripTest.PG_FUNCTION);
      b.execute(FeatureRoundTripTest.PG_FUNCTION);
      b.execute(FeatureRoundTripTest.POSTGRES);
      List<SchemaOperation> ops = SchemaDiff.between(SchemaModel.empty(), b.introspect());
      assertThat(ops).filteredOn(op -> op instanceof AddForeignKey).hasSize(1); // the cycle
      assertAppliesAndReverts(a, b, ops);
    }
    try (TestDb a = TestDb.mariadb();
        TestDb b = TestDb.mariadb()) {
      b.execute(FeatureRoundTripTest.MARIADB);
      assertAppliesAndReverts(a, b, SchemaDiff.between(SchemaModel.empty(), b.introspect()));
    }
    try (TestDb a = TestDb.sqlite(dir);
        TestDb b = TestDb.sqlite(dir)) {
      b.execute(FeatureRoundTripTest.SQLITE);
      assertAppliesAndReverts(a, b, SchemaDiff.between(SchemaModel.empty(), b.introspect()));
    }
  }

  private static void assertAppliesAndReverts(TestDb a, TestDb b, List<SchemaOperation> ops)
      throws Exception {
    SchemaModel original = a.introspect();
    var renderer = DdlRenderers.forDialect(a.dialect);
    a.execute(renderer.render(ops));
    assertThat(a.introspect()).isEqualTo(b.introspect());
    a.execute(renderer.render(Operations.invert(ops)));
    assertThat(a.introspect()).isEqualTo(original);
  }
}

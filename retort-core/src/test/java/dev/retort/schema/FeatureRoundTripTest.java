package dev.retort.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small schemas that use what the fixtures do not: CHECK, generated and identity columns,
 * expression, partial and descending indexes, collations, comments, enums, owned sequences,
 * foreign-key cycles, triggers and views on views.
 */
public class FeatureRoundTripTest {
  @TempDir Path dir;

  public static final List<String> SQLITE =
      List.of(
          "CREATE TABLE parent (id INTEGER CONSTRAINT parent_pk PRIMARY KEY AUTOINCREMENT,"
              + " name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
              + " code TEXT DEFAULT 'x' CHECK (length(code) <= 5),"
              + " created TEXT DEFAULT CURRENT_TIMESTAMP, score REAL DEFAULT (1.5 * 2),"
              + " CONSTRAINT parent_name_code UNIQUE (name, code))",
          "CREATE TABLE child (a INTEGER NOT NULL, b INTEGER NOT NULL,"
              + " parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE,"
              + " twice INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL,"
              + " total INTEGER AS (a + b) STORED,"
              + " CONSTRAINT child_pk PRIMARY KEY (a, b),"
              + " CONSTRAINT child_b_positive CHECK (b > 0),"
              + " CONSTRAINT child_parent_fk FOREIGN KEY (b) REFERENCES parent (id)) WITHOUT ROWID",
          "CREATE TABLE tree (id INTEGER PRIMARY KEY, v TEXT,"
              + " up INTEGER REFERENCES tree (id)) STRICT",
          "CREATE INDEX child_expr ON child (lower(parent_id), b DESC) WHERE a > 0",
          "CREATE UNIQUE INDEX parent_code ON parent (code)",
          "CREATE VIEW parent_names AS SELECT name FROM parent WHERE id > 0",
          "CREATE VIEW parent_names_count AS SELECT count(*) AS n FROM parent_names",
          "CREATE TRIGGER parent_touch AFTER UPDATE ON parent BEGIN"
              + " UPDATE parent SET created = CURRENT_TIMESTAMP WHERE id = NEW.id; END",
          "CREATE TRIGGER names_insert INSTEAD OF INSERT ON parent_names BEGIN"
              + " INSERT INTO parent (name) VALUES (NEW.name); END");

  public static final String PG_FUNCTION =
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$";

  public static final List<String> POSTGRES =
      List.of(
          "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
          "CREATE TABLE org (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
              + " name text COLLATE \"C\" NOT NULL UNIQUE, mood mood DEFAULT 'ok', boss_id integer,"
              + " CONSTRAINT org_name_len CHECK (length(name) > 1))",
          "CREATE TABLE person (id serial PRIMARY KEY,"
              + " org_id bigint REFERENCES org (id) ON DELETE SET NULL ON UPDATE CASCADE,"
              + " email text, first text, last text,"
              + " full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED,"
              + " CHECK (email LIKE '%@%'), UNIQUE (first, last))",
          "ALTER TABLE org ADD CONSTRAINT org_boss_fk FOREIGN KEY (boss_id) REFERENCES person (id)",
          "CREATE INDEX person_email_lower ON person (lower(email) DESC, last)"
              + " WHERE email IS NOT NULL",
          "CREATE INDEX person_last_pattern ON person (last text_pattern_ops)",
          "COMMENT ON TABLE person IS 'People, it''s true'",
          "COMMENT ON COLUMN person.email IS 'Primary address'",
          "CREATE VIEW org_people AS SELECT o.name, p.email FROM org o JOIN person p"
              + " ON p.org_id = o.id",
          "CREATE VIEW org_people_count AS SELECT count(*) AS n FROM org_people",
          "CREATE TRIGGER person_touch BEFORE UPDATE ON person FOR EACH ROW"
              + " EXECUTE FUNCTION touch()",
          "CREATE SEQUENCE invoice_no AS integer START 1000 INCREMENT 10 CACHE 5 CYCLE");

  public static final List<String> MARIADB =
      List.of(
          "CREATE TABLE org (id bigint AUTO_INCREMENT PRIMARY KEY,"
              + " name varchar(100) NOT NULL COMMENT 'Org name', boss_id bigint NULL,"
              + " created timestamp NOT NULL DEFAULT current_timestamp(),"
              + " score decimal(5,2) DEFAULT 1.50, note varchar(20) DEFAULT 'it''s',"
              + " UNIQUE KEY org_name (name),"
              + " CONSTRAINT org_name_len CHECK (char_length(name) > 1))"
              + " ENGINE=InnoDB COMMENT='Organisations'",
          "CREATE TABLE person (id bigint AUTO_INCREMENT PRIMARY KEY, org_id bigint,"
              + " email varchar(200) COLLATE utf8mb4_bin, first varchar(50), last varchar(50),"
              + " full_name varchar(101) AS (concat(first, ' ', last)) VIRTUAL, doc json,"
              + " FOREIGN KEY (org_id) REFERENCES org (id) ON DELETE SET NULL,"
              + " FULLTEXT KEY person_ft (first, last), KEY person_email (email(20) DESC, last))",
          "ALTER TABLE org ADD CONSTRAINT org_boss_fk FOREIGN KEY (boss_id) REFERENCES person (id)",
          "CREATE VIEW org_people AS SELECT o.name, p.email FROM org o JOIN person p"
              + " ON p.org_id = o.id",
          "CREATE TRIGGER person_bi BEFORE INSERT ON person FOR EACH ROW"
              + " SET NEW.email = lower(NEW.email)");

  @Test
  void sqlite() throws Exception {
    try (TestDb source = TestDb.sqlite(dir);
        TestDb target = TestDb.sqlite(dir)) {
      source.execute(SQLITE);
      SchemaModel model = source.introspect();
      Table parent = model.table("parent").orElseThrow();
      assertThat(parent.column("id").orElseThrow().identity())
          .isEqualTo(Column.Identity.AUTO_INCREMENT);
      assertThat(parent.primaryKey()).isEqualTo(new PrimaryKey("parent_pk", List.of("id")));
      assertThat(parent.column("name").orElseThrow().collation()).isEqualTo("NOCASE");
      assertThat(parent.column("score").orElseThrow().defaultExpression()).isEqualTo("1.5 * 2");
      assertThat(parent.uniques())
          .containsExactly(
              new UniqueConstraint(null, List.of("name")),
              new UniqueConstraint("parent_name_code", List.of("name", "code")));
      assertThat(parent.checks()).containsExactly(new CheckConstraint(null, "length(code) <= 5"));
      assertThat(parent.triggers()).extracting(Trigger::name).containsExactly("parent_touch");
      Table child = model.table("child").orElseThrow();
      assertThat(child.options().withoutRowid()).isTrue();
      assertThat(child.primaryKey()).isEqualTo(new PrimaryKey("child_pk", List.of("a", "b")));
      assertThat(child.column("twice").orElseThrow().generatedExpression()).isEqualTo("a * 2");
      assertThat(child.column("total").orElseThrow().generatedStored()).isTrue();
      assertThat(child.foreignKeys())
          .containsExactly(
              new ForeignKey(null, List.of("parent_id"), "parent", List.of("id"), "CASCADE", null),
              new ForeignKey("child_parent_fk", List.of("b"), "parent", List.of("id"), null, null));
      assertThat(child.indexes())
          .containsExactly(
              new Index(
                  "child_expr",
                  false,
                  List.of(IndexColumn.expression("lower(parent_id)"), IndexColumn.of("b").desc()),
                  "a > 0",
                  null));
      assertThat(model.table("tree").orElseThrow().options().strict()).isTrue();
      assertThat(model.view("parent_names").orElseThrow().triggers()).hasSize(1);
      RoundTripTest.assertRoundTrip(model, target);
    }
  }

  @Test
  void postgres() throws Exception {
    try (TestDb source = TestDb.postgres();
        TestDb target = TestDb.postgres()) {
      source.execute(PG_FUNCTION);
      source.execute(POSTGRES);
      SchemaModel model = source.introspect();
      assertThat(model.enums())
          .containsExactly(new EnumType("mood", List.of("sad", "ok", "happy")));
      assertThat(model.sequences())
          .containsExactly(
              new Sequence("invoice_no", "integer", 1000, 10, 1, 2147483647, 5, true, null, null),
              new Sequence(
                  "person_id_seq", "integer", 1, 1, 1, 2147483647, 1, false, "person", "id"));
      Table org = model.table("org").orElseThrow();
      assertThat(org.column("id").orElseThrow().identity()).isEqualTo(Column.Identity.ALWAYS);
      assertThat(org.column("name").orElseThrow().collation()).isEqualTo("C");
      assertThat(org.column("mood").orElseThrow().defaultExpression()).isEqualTo("'ok'::mood");
      Table person = model.table("person").orElseThrow();
      assertThat(person.comment()).isEqualTo("People, it's true");
      assertThat(person.column("email").orElseThrow().comment()).isEqualTo("Primary address");
      assertThat(person.column("full_name").orElseThrow().generatedStored()).isTrue();
      assertThat(person.foreignKeys().get(0).onDelete()).isEqualTo("SET NULL");
      assertThat(person.foreignKeys().get(0).onUpdate()).isEqualTo("CASCADE");
      assertThat(person.checks())
          .extracting(CheckConstraint::expression)
          .containsExactly("email ~~ '%@%'::text");
      assertThat(person.indexes())
          .containsExactly(
              new Index(
                  "person_email_lower",
                  false,
                  List.of(IndexColumn.expression("lower(email)").desc(), IndexColumn.of("last")),
                  "email IS NOT NULL",
                  null),
              new Index(
                  "person_last_pattern",
                  false,
                  List.of(new IndexColumn("last", null, false, "text_pattern_ops", null)),
                  null,
                  null));
      assertThat(person.triggers()).extracting(Trigger::name).containsExactly("person_touch");
      target.execute(PG_FUNCTION);
      RoundTripTest.assertRoundTrip(model, target);
    }
  }

  @Test
  void mariadb() throws Exception {
    try (TestDb source = TestDb.mariadb();
        TestDb target = TestDb.mariadb()) {
      source.execute(MARIADB);
      SchemaModel model = source.introspect();
      Table org = model.table("org").orElseThrow();
      assertThat(org.comment()).isEqualTo("Organisations");
      assertThat(org.column("id").orElseThrow().identity())
          .isEqualTo(Column.Identity.AUTO_INCREMENT);
      assertThat(org.column("name").orElseThrow().comment()).isEqualTo("Org name");
      assertThat(org.column("note").orElseThrow().defaultExpression()).isEqualTo("'it''s'");
      assertThat(org.column("boss_id").orElseThrow().defaultExpression()).isNull();
      assertThat(org.checks()).extracting(CheckConstraint::name).containsExactly("org_name_len");
      Table person = model.table("person").orElseThrow();
      assertThat(person.column("full_name").orElseThrow().generatedExpression()).contains("concat");
      assertThat(person.indexes())
          .extracting(Index::name)
          .containsExactly("org_id", "person_email", "person_ft");
      assertThat(person.indexes().get(1).columns().get(0))
          .isEqualTo(new IndexColumn("email", null, true, null, 20));
      assertThat(person.triggers()).extracting(Trigger::name).containsExactly("person_bi");
      assertThat(model.view("org_people").orElseThrow().definition()).doesNotContain(source.name);
      RoundTripTest.assertRoundTrip(model, target);
    }
  }
}

package dev.retort.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.render.SchemaSql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture schemas survive introspect, render, apply to an empty database, introspect again: the two
 * models are equal.
 */
class RoundTripTest {
  @TempDir Path dir;

  @Test
  void chinookOnSqlite() throws Exception {
    try (TestDb source = TestDb.sqlite(dir);
        TestDb target = TestDb.sqlite(dir)) {
      source.execute(Fixtures.chinookStatements("Chinook_Sqlite.sql"));
      SchemaModel model = source.introspect();
      assertThat(model.tables()).hasSize(11);
      assertThat(model.table("Track").orElseThrow().foreignKeys()).hasSize(3);
      assertRoundTrip(model, target);
    }
  }

  @Test
  void chinookOnPostgres() throws Exception {
    try (TestDb source = TestDb.postgres();
        TestDb target = TestDb.postgres()) {
      source.execute(Fixtures.chinookStatements("Chinook_PostgreSql.sql"));
      SchemaModel model = source.introspect();
      assertThat(model.tables()).hasSize(11);
      assertThat(model.table("track").orElseThrow().foreignKeys()).hasSize(3);
      assertRoundTrip(model, target);
    }
  }

  @Test
  void chinookOnMariaDb() throws Exception {
    try (TestDb source = TestDb.mariadb();
        TestDb target = TestDb.mariadb()) {
      source.execute(Fixtures.chinookStatements("Chinook_MySql.sql"));
      SchemaModel model = source.introspect();
      assertThat(model.tables()).hasSize(11);
      assertThat(model.table("Track").orElseThrow().foreignKeys()).hasSize(3);
      assertRoundTrip(model, target);
    }
  }

  /**
   * Pagila has objects the model does not cover (functions, an aggregate, domains) that its tables,
   * views and triggers use; the target gets them by loading Pagila and dropping everything the
   * model does cover.
   */
  @Test
  void pagilaOnPostgres() throws Exception {
    try (TestDb source = TestDb.postgres();
        TestDb target = TestDb.postgres()) {
      Fixtures.loadPagila(source, dir);
      SchemaModel model = source.introspect();
      assertThat(model.tables()).extracting(Table::name).contains("film", "payment_p2022_01");
      assertThat(model.views()).extracting(View::name).contains("actor_info", "rental_by_category");
      assertThat(model.enums()).extracting(EnumType::name).containsExactly("mpaa_rating");

      Fixtures.loadPagila(target, dir);
      target.execute(dropAll(model));
      assertThat(target.introspect()).isEqualTo(SchemaModel.empty());
      assertRoundTrip(model, target);
    }
  }

  private static List<String> dropAll(SchemaModel model) {
    List<String> drops = new ArrayList<>();
    for (View view : model.views()) {
      drops.add(
          "DROP "
              + (view.materialized() ? "MATERIALIZED " : "")
              + "VIEW IF EXISTS \""
              + view.name()
              + "\" CASCADE");
    }
    for (Table table : model.tables()) {
      drops.add("DROP TABLE IF EXISTS \"" + table.name() + "\" CASCADE");
    }
    for (Sequence sequence : model.sequences()) {
      drops.add("DROP SEQUENCE IF EXISTS \"" + sequence.name() + "\" CASCADE");
    }
    for (EnumType type : model.enums()) {
      drops.add("DROP TYPE IF EXISTS \"" + type.name() + "\" CASCADE");
    }
    return drops;
  }

  static void assertRoundTrip(SchemaModel model, TestDb target) throws Exception {
    target.execute(SchemaSql.render(model, target.dialect));
    SchemaModel copy = target.introspect();
    assertThat(copy.tables()).hasSameSizeAs(model.tables());
    for (Table table : model.tables()) {
      assertThat(copy.table(table.name())).contains(table);
    }
    assertThat(copy).isEqualTo(model);
  }
}

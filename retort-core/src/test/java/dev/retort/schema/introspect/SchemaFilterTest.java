package dev.retort.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;
import dev.retort.schema.TestDb;
import dev.retort.schema.View;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilterTest {
  @TempDir Path dir;

  private static final SchemaFilter FILTER =
      new SchemaFilter(null, List.of("app_*", "v_?"), List.of("*_tmp"), "app_history");

  @Test
  void globs() {
    assertThat(SchemaFilter.matches("app_*", "app_users")).isTrue();
    assertThat(SchemaFilter.matches("app_*", "App_users")).isFalse();
    assertThat(SchemaFilter.matches("v_?", "v_1")).isTrue();
    assertThat(SchemaFilter.matches("v_?", "v_12")).isFalse();
    assertThat(SchemaFilter.matches("a.b", "axb")).isFalse();
    assertThat(FILTER.accepts("app_users")).isTrue();
    assertThat(FILTER.accepts("app_users_tmp")).isFalse();
    assertThat(FILTER.accepts("app_history")).isFalse();
    assertThat(FILTER.accepts("other")).isFalse();
    assertThat(SchemaFilter.all("h").accepts("anything")).isTrue();
  }

  private static final List<String> DDL =
      List.of(
          "CREATE TABLE app_users (id integer PRIMARY KEY)",
          "CREATE TABLE app_users_tmp (id integer PRIMARY KEY)",
          "CREATE TABLE app_history (id integer PRIMARY KEY)",
          "CREATE TABLE other (id integer PRIMARY KEY, u integer REFERENCES app_users (id))",
          "CREATE INDEX other_u ON other (u)",
          "CREATE VIEW v_1 AS SELECT id FROM app_users",
          "CREATE VIEW v_10 AS SELECT id FROM app_users");

  @Test
  void sqlite() throws Exception {
    try (TestDb db = TestDb.sqlite(dir)) {
      db.execute(DDL);
      assertFiltered(db.introspect(FILTER));
    }
  }

  @Test
  void postgres() throws Exception {
    try (TestDb db = TestDb.postgres()) {
      db.execute(DDL);
      assertFiltered(db.introspect(FILTER));
      assertFiltered(db.introspect(FILTER.inSchema("public")));
      assertThat(db.introspect(FILTER.inSchema("no_such_schema"))).isEqualTo(SchemaModel.empty());
    }
  }

  @Test
  void mariadb() throws Exception {
    try (TestDb db = TestDb.mariadb()) {
      db.execute(DDL);
      assertFiltered(db.introspect(FILTER));
      assertThat(db.introspect(SchemaFilter.all("app_history")).tables())
          .extracting(Table::name)
          .containsExactly("app_users", "app_users_tmp", "other");
    }
  }

  private static void assertFiltered(SchemaModel model) {
    assertThat(model.tables()).extracting(Table::name).containsExactly("app_users");
    assertThat(model.views()).extracting(View::name).containsExactly("v_1");
  }
}

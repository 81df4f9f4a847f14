package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The look-up that tells a first upgrade there is no history table yet, on each kind's own catalog:
 * the current schema by default, a named one when given, and a view counts (the read then reports
 * what is wrong with it instead of a create that silently skips it).
 */
class TableExistsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void findsTablesAndViewsInTheCurrentOrANamedSchemaOnly(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir);
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      Dialect dialect = Dialects.forConnection(c);
      String current = kind.equals("postgresql") ? "public" : db.schemaOrDatabaseName();
      st.execute("CREATE TABLE history_t (id INTEGER)");
      st.execute("CREATE VIEW history_v AS SELECT id FROM history_t");

      assertThat(dialect.tableExists(c, null, "history_t")).isTrue();
      assertThat(dialect.tableExists(c, null, "history_v")).isTrue();
      assertThat(dialect.tableExists(c, null, "history_absent")).isFalse();
      // A name differing only in case is another table on PostgreSQL (quoted names are exact).
      if (kind.equals("postgresql")) {
        assertThat(dialect.tableExists(c, null, "HISTORY_T")).isFalse();
      }
      if (!kind.equals("sqlite")) {
        assertThat(dialect.tableExists(c, current, "history_t")).isTrue();
        assertThat(dialect.tableExists(c, "retort_no_such_schema", "history_t")).isFalse();
      }
      if (kind.equals("postgresql")) {
        st.execute("CREATE SCHEMA other");
        st.execute("CREATE TABLE other.only_there (id INTEGER)");
        assertThat(dialect.tableExists(c, "other", "only_there")).isTrue();
        assertThat(dialect.tableExists(c, null, "only_there")).isFalse();
        st.execute("CREATE MATERIALIZED VIEW other.snapshot AS SELECT 1 AS id");
        assertThat(dialect.tableExists(c, "other", "snapshot")).isTrue();
        st.execute("SET search_path = other");
        assertThat(dialect.tableExists(c, null, "only_there")).isTrue();
        assertThat(dialect.tableExists(c, null, "history_t")).isFalse();
        // No current schema at all (pg_dump's scripts set the path to ''): nothing is found.
        st.execute("SET search_path = ''");
        assertThat(dialect.tableExists(c, null, "history_t")).isFalse();
        assertThat(dialect.tableExists(c, "public", "history_t")).isTrue();
      }
    }
  }
}

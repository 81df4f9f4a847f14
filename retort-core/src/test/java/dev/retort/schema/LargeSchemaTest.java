package dev.retort.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.introspect.SchemaFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog queries are per kind of object, not per table: 1,000 tables read in one go. */
class LargeSchemaTest {
  private static final int TABLES = 1000;

  @Test
  void thousandTablesOnPostgres() throws Exception {
    try (TestDb db = TestDb.postgres()) {
      StringBuilder ddl = new StringBuilder();
      for (int i = 0; i < TABLES; i++) {
        String t = "t" + i;
        String parent = "t" + Math.max(0, i - 1);
        ddl.append("CREATE TABLE ")
            .append(t)
            .append(" (id integer PRIMARY KEY, name text NOT NULL, parent_id integer")
            .append(" REFERENCES ")
            .append(parent)
            .append(" (id));\n")
            .append("CREATE INDEX ")
            .append(t)
            .append("_name ON ")
            .append(t)
            .append(" (name);\n");
      }
      // One transaction, one multi-statement batch: the setup is not what is being measured.
      db.connection().setAutoCommit(false);
      db.execute(ddl.toString());
      db.connection().commit();
      db.connection().setAutoCommit(true);

      db.introspect(); // warm up the connection and the server's catalog caches
      long start = System.nanoTime();
      SchemaModel model = db.introspect();
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("Introspected " + TABLES + " PostgreSQL tables in " + millis + " ms");

      assertThat(model.tables()).hasSize(TABLES);
      Table last = model.table("t" + (TABLES - 1)).orElseThrow();
      assertThat(last.primaryKey().columns()).containsExactly("id");
      assertThat(last.indexes()).extracting(Index::name).containsExactly("t999_name");
      assertThat(last.foreignKeys())
          .extracting(ForeignKey::referencedTable)
          .containsExactly("t998");

      List<String> some = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        some.add("t" + i);
      }
      SchemaModel filtered =
          db.introspect(new SchemaFilter(null, List.of("t?"), List.of("t5"), "t0"));
      assertThat(filtered.tables())
          .extracting(Table::name)
          .containsExactlyElementsOf(
              some.stream().filter(n -> !n.equals("t0") && !n.equals("t5")).toList());
    }
  }
}

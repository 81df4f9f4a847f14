package dev.retort.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * Scenario 4: introspecting a PostgreSQL schema of 1,000 tables (each with a primary key, a UNIQUE,
 * a CHECK, a default, an index, and a foreign key to an earlier table), in a database created for
 * the run and dropped after it.
 */
final class IntrospectScenario {
  static final int TABLES = 1000;

  private final Path log;

  IntrospectScenario(Path log) {
    this.log = log;
  }

  Row run(int runs) throws Exception {
    Row row =
        new Row(
            "PostgreSQL: introspect a schema of 1,000 tables (in-process, median of " + runs + ")");
    try (Db db = Db.fresh("postgres", log.getParent(), "introspect")) {
      try (Connection c = DriverManager.getConnection(db.url);
          Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        for (int i = 1; i <= TABLES; i++) {
          for (String sql : ddl(i)) {
            st.addBatch(sql);
          }
        }
        st.executeBatch();
        c.commit();
      }
      row.note(Tool.FLYWAY, "n/a: Flyway has no schema introspection");
      for (Tool tool : List.of(Tool.RETORT, Tool.LIQUIBASE)) {
        List<Double> r =
            Proc.fork(
                Bench.LIBRARY_FLAGS,
                "Introspect",
                List.of(tool.name(), db.url, String.valueOf(TABLES), String.valueOf(runs)),
                log);
        row.put(tool, Stats.median(r));
      }
      row.note(Tool.LIQUIBASE, "snapshot");
    }
    return row.atMost(1000, "≤ 1 s");
  }

  static List<String> ddl(int i) {
    String t = Gen.table(i);
    // A tree of foreign keys (table i refers to table i / 2), not a chain: Liquibase's snapshot
    // follows foreign keys recursively and overflows the stack on a chain 1,000 tables long.
    String fk = i == 1 ? "" : ", parent_id bigint REFERENCES " + Gen.table(i / 2) + " (id)";
    return List.of(
        "CREATE TABLE "
            + t
            + " (id bigint PRIMARY KEY, name varchar(100) NOT NULL UNIQUE,"
            + " price numeric(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),"
            + " created_at timestamptz NOT NULL DEFAULT now()"
            + fk
            + ")",
        "CREATE INDEX " + t + "_created ON " + t + " (created_at)");
  }
}

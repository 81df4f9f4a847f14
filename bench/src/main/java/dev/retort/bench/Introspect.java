package dev.retort.bench;

import dev.retort.dialect.PostgresDialect;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.introspect.SchemaFilter;
import dev.retort.schema.introspect.SchemaIntrospectors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.structure.core.Table;

/**
 * Scenario 4, in its own JVM per tool: reading the whole model of a PostgreSQL schema of 1,000
 * tables into memory, from opening the connection to the finished model. One untimed run, then RUNS
 * timed ones; each is checked to have found every table. Prints {@code RESULT ms...}.
 *
 * <p>Retort: {@link SchemaIntrospectors} (one catalog query per kind of object, never one per
 * table). Liquibase: the snapshot its {@code snapshot} and {@code diff} commands build ({@link
 * SnapshotGeneratorFactory#createSnapshot}), without serialising it to text.
 *
 * <p>Usage: {@code Introspect TOOL JDBC_URL TABLES RUNS}
 */
public final class Introspect {
  private Introspect() {}

  public static void main(String[] args) throws Exception {
    Tool tool = Tool.of(args[0]);
    String url = args[1];
    int tables = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    List<Double> took = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      long start = System.nanoTime();
      int found =
          switch (tool) {
            case RETORT -> retort(url);
            case LIQUIBASE -> liquibase(url);
            case FLYWAY ->
                throw new IllegalArgumentException(tool.label() + ": no introspection here");
          };
      double ms = (System.nanoTime() - start) / 1e6;
      if (found < tables) {
        throw new IllegalStateException(tool.label() + " found " + found + " of " + tables);
      }
      if (run > 0) {
        took.add(ms);
      }
    }
    Proc.printResult(took);
  }

  private static int retort(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      SchemaModel model =
          SchemaIntrospectors.forDialect(new PostgresDialect())
              .introspect(c, SchemaFilter.all("retort_history").inSchema("public"));
      return model.tables().size();
    }
  }

  private static int liquibase(String url) throws Exception {
    Connection c = DriverManager.getConnection(url);
    Database db =
        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
    try {
      DatabaseSnapshot snapshot =
          SnapshotGeneratorFactory.getInstance()
              .createSnapshot(new CatalogAndSchema(null, "public"), db, new SnapshotControl(db));
      return snapshot.get(Table.class).size();
    } finally {
      c.close(); // the JDBC connection itself: Liquibase's close() also resets autocommit
    }
  }
}

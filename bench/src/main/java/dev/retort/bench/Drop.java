package dev.retort.bench;

import dev.retort.schema.sqlite.SqliteAlter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * Scenario 3, one run in its own JVM: drops {@code items.legacy_code} from a copy of the fixture
 * the way each tool would. Prints {@code RESULT ms}, or {@code FAILED message} when the tool's way
 * does not work on this table.
 *
 * <ul>
 *   <li>Retort: {@link SqliteAlter#dropColumn}, which picks SQLite's native DROP COLUMN where it
 *       works and otherwise the twelve-step rebuild, generated from the table's definition.
 *   <li>Flyway runs SQL verbatim: a migration with SQLite's native {@code ALTER TABLE ... DROP
 *       COLUMN} (3.35+), which SQLite refuses for a column an index uses.
 *   <li>Liquibase: its {@code dropColumn} change type, which generates SQL per database.
 * </ul>
 *
 * <p>Usage: {@code Drop TOOL DB_FILE WORK_DIR}
 */
public final class Drop {
  private Drop() {}

  public static void main(String[] args) throws Exception {
    Tool tool = Tool.of(args[0]);
    Path db = Path.of(args[1]);
    Path work = Path.of(args[2]);
    String url = "jdbc:sqlite:" + db;
    Path dir =
        Files.createDirectories(work.resolve("drop-" + tool.name().toLowerCase(Locale.ROOT)));
    long start = System.nanoTime();
    try {
      switch (tool) {
        case FLYWAY -> flyway(url, dir);
        case LIQUIBASE -> liquibase(url, dir);
        case RETORT -> retort(url);
      }
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String msg = String.valueOf(root.getMessage()).replaceAll("\\s+", " ").trim();
      System.out.println("FAILED " + msg);
      return;
    }
    System.out.printf(Locale.ROOT, "RESULT %.1f%n", (System.nanoTime() - start) / 1e6);
  }

  private static void retort(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      SqliteAlter.Result r = SqliteAlter.dropColumn(c, DropFixture.TABLE, DropFixture.COLUMN);
      if (r.method() != SqliteAlter.Method.REBUILD) {
        throw new IllegalStateException("expected a rebuild, got " + r);
      }
    }
  }

  private static void flyway(String url, Path dir) throws Exception {
    Files.writeString(
        dir.resolve("V1__drop_legacy_code.sql"),
        "ALTER TABLE " + DropFixture.TABLE + " DROP COLUMN " + DropFixture.COLUMN + ";\n");
    // The database predates Flyway: baseline below V1 so that V1 runs.
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("filesystem:" + dir)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private static void liquibase(String url, Path dir) throws Exception {
    Files.writeString(
        dir.resolve("changelog.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
          <changeSet id="drop-legacy-code" author="bench">
            <dropColumn tableName="%s" columnName="%s"/>
          </changeSet>
        </databaseChangeLog>
        """
            .formatted(DropFixture.TABLE, DropFixture.COLUMN));
    LiquibaseCall.migrate(url, null, dir);
  }
}

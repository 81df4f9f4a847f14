package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the same N migrations in each tool's own format: one file per migration, each creating one
 * table and one index. The SQL is identical for every tool and runs on SQLite and PostgreSQL.
 *
 * <ul>
 *   <li>{@code retort/}: {@code 0001_t0001.sql} with {@code -- retort:} directives, a linear chain
 *   <li>{@code flyway/}: {@code V1__t0001.sql}
 *   <li>{@code liquibase/}: {@code changelog.xml} including one formatted-SQL file per changeset
 *       (explicit includes, so Liquibase lists no folder)
 * </ul>
 */
final class Gen {
  private Gen() {}

  /** The up SQL of migration {@code i} (1-based). */
  static String sql(int i) {
    String t = table(i);
    return "CREATE TABLE "
        + t
        + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at VARCHAR(40));\n"
        + "CREATE INDEX "
        + t
        + "_name ON "
        + t
        + " (name);\n";
  }

  static String table(int i) {
    return String.format("t%04d", i);
  }

  /** Writes all three sets under {@code root} (idempotent: an existing set is kept). */
  static Path writeAll(Path root, int n) throws IOException {
    Path dir = root.resolve("migrations-" + n);
    if (Files.isDirectory(dir.resolve("done"))) {
      return dir;
    }
    writeRetort(Files.createDirectories(dir.resolve("retort")), n);
    writeFlyway(Files.createDirectories(dir.resolve("flyway")), n);
    writeLiquibase(Files.createDirectories(dir.resolve("liquibase")), n);
    Files.createDirectories(dir.resolve("done"));
    return dir;
  }

  private static void writeRetort(Path dir, int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      String id = "r" + String.format("%04d", i);
      String parents = i == 1 ? "" : "-- retort:parents r" + String.format("%04d", i - 1) + "\n";
      String text =
          "-- retort:revision "
              + id
              + "\n"
              + parents
              + "-- retort:description create "
              + table(i)
              + "\n-- retort:up\n"
              + sql(i)
              + "-- retort:down\nDROP TABLE "
              + table(i)
              + ";\n";
      Files.writeString(dir.resolve(String.format("%04d_%s.sql", i, table(i))), text);
    }
  }

  private static void writeFlyway(Path dir, int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      Files.writeString(dir.resolve("V" + i + "__" + table(i) + ".sql"), sql(i));
    }
  }

  private static void writeLiquibase(Path dir, int n) throws IOException {
    StringBuilder master =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "  xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
    for (int i = 1; i <= n; i++) {
      String name = String.format("%04d_%s.sql", i, table(i));
      Files.writeString(
          dir.resolve(name), "--liquibase formatted sql\n\n--changeset bench:" + i + "\n" + sql(i));
      master
          .append("  <include file=\"")
          .append(name)
          .append("\" relativeToChangelogFile=\"true\"/>\n");
    }
    master.append("</databaseChangeLog>\n");
    Files.writeString(dir.resolve("changelog.xml"), master.toString());
  }
}

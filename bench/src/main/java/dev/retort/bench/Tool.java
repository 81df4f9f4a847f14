package dev.retort.bench;

import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The three tools. Each one's call lives in its own class so that the Flyway and Liquibase mains,
 * shaded without the other tools, never load a class they do not hold.
 */
enum Tool {
  RETORT("Retort"),
  FLYWAY("Flyway"),
  LIQUIBASE("Liquibase");

  private final String label;

  Tool(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The one library call each tool documents for "bring this database up to date", built from
   * scratch as an application does at startup. {@code dir} is a {@link Gen} set; each tool reads
   * its own subfolder.
   */
  void migrate(String url, String user, Path dir) throws Exception {
    switch (this) {
      case RETORT -> RetortCall.migrate(url, user, dir.resolve("retort"));
      case FLYWAY -> FlywayCall.migrate(url, user, dir.resolve("flyway"));
      case LIQUIBASE -> LiquibaseCall.migrate(url, user, dir.resolve("liquibase"));
    }
  }

  /** A configured tool whose migrate call can be repeated. */
  interface Prepared {
    void migrate() throws Exception;
  }

  /**
   * The tool configured once, as an application holds it: Retort's built {@code Retort}, Flyway's
   * loaded {@code Flyway}. Liquibase has no such object; each call runs its update command.
   */
  Prepared prepare(String url, String user, Path dir) {
    return switch (this) {
      case RETORT -> RetortCall.prepare(url, user, dir.resolve("retort"))::upgrade;
      case FLYWAY -> FlywayCall.prepare(url, user, dir.resolve("flyway"))::migrate;
      case LIQUIBASE -> () -> LiquibaseCall.migrate(url, user, dir.resolve("liquibase"));
    };
  }

  /** The same on the application's connection pool, which each call borrows from. */
  Prepared prepare(DataSource pool, Path dir) {
    return switch (this) {
      case RETORT -> RetortCall.prepare(pool, dir.resolve("retort"))::upgrade;
      case FLYWAY -> FlywayCall.prepare(pool, dir.resolve("flyway"))::migrate;
      case LIQUIBASE -> () -> LiquibaseCall.migrate(pool, dir.resolve("liquibase"));
    };
  }

  static Tool of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}

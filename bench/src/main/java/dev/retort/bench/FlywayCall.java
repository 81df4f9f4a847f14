package dev.retort.bench;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Flyway's documented library call. Flyway logs through slf4j when it finds it; slf4j-simple is set
 * to warn in simplelogger.properties, the level Retort's CLI uses.
 */
final class FlywayCall {
  private FlywayCall() {}

  static int migrate(String url, String user, Path folder) {
    return prepare(url, user, folder).migrate().migrationsExecuted;
  }

  static Flyway prepare(String url, String user, Path folder) {
    return Flyway.configure().dataSource(url, user, null).locations("filesystem:" + folder).load();
  }

  static Flyway prepare(DataSource pool, Path folder) {
    return Flyway.configure().dataSource(pool).locations("filesystem:" + folder).load();
  }
}

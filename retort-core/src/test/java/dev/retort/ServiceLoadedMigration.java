package dev.retort;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Registered in src/test/resources/META-INF/services/dev.retort.JavaMigration, so that {@link
 * RetortBuilder#serviceLoader} finds it. Only {@code JavaMigrationTest} calls serviceLoader.
 */
public final class ServiceLoadedMigration implements JavaMigration {
  @Override
  public String id() {
    return "svc1";
  }

  @Override
  public List<String> parents() {
    return List.of();
  }

  @Override
  public String description() {
    return "found through ServiceLoader";
  }

  @Override
  public void up(Connection connection) throws Exception {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE svc_table (id INTEGER)");
    }
  }
}

package dev.retort.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase's documented library call: the "update" command through {@link CommandScope}, as its
 * own CLI and Maven plugin run it, in a {@link Scope} that reads changelogs from the folder.
 */
final class LiquibaseCall {
  /**
   * Warnings only, like the other two. Liquibase logs through java.util.logging (INFO by default),
   * prints an update summary through its UI service (sent to the log here), and sends usage
   * analytics over the network unless told not to: a benchmark must not time a web request.
   */
  private static final Logger LOG = Logger.getLogger("liquibase");

  static {
    System.setProperty("liquibase.analytics.enabled", "false");
    LOG.setLevel(Level.WARNING);
  }

  private LiquibaseCall() {}

  static void migrate(String url, String user, Path folder) throws Exception {
    update(folder, url, user, null);
  }

  /** The same on a connection borrowed from the application's pool, given back afterwards. */
  static void migrate(DataSource pool, Path folder) throws Exception {
    try (Connection connection = pool.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      update(folder, null, null, database);
    }
  }

  private static void update(Path folder, String url, String user, Database database)
      throws Exception {
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(),
            new DirectoryResourceAccessor(folder),
            Scope.Attr.ui.name(),
            new LoggerUIService());
    Scope.child(
        scope,
        () -> {
          CommandScope update =
              new CommandScope("update").addArgumentValue("changelogFile", "changelog.xml");
          if (database != null) {
            update.addArgumentValue("database", database);
          } else {
            update.addArgumentValue("url", url);
          }
          if (user != null) {
            update.addArgumentValue("username", user);
          }
          update.execute();
        });
  }
}

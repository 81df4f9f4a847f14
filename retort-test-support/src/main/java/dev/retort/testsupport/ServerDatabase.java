package dev.retort.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A database created with CREATE DATABASE on a PostgreSQL or MariaDB server. */
final class ServerDatabase implements TestDatabase {
  private final Server server;
  private final String name;
  private final String url;
  private final DataSource dataSource;
  private boolean closed;

  private ServerDatabase(Server server, String name) {
    this.server = server;
    this.name = name;
    this.url = server.databaseUrl(name);
    this.dataSource = new DriverManagerDataSource(url, server.user(), server.password());
  }

  static ServerDatabase create(Server server) {
    String name = Names.random();
    try (Connection admin = server.admin();
        Statement statement = admin.createStatement()) {
      statement.execute(
          isPostgres(server)
              // template0: template1 may carry objects someone added, and CREATE DATABASE
              // from template1 fails while another session is connected to it.
              ? "CREATE DATABASE \"" + name + "\" TEMPLATE template0"
              // utf8mb4: MariaDB before 11.6 defaults to latin1.
              : "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create test database " + name + " on " + server + ": " + e.getMessage(), e);
    }
    Reports.used(server.kind(), server.description());
    return new ServerDatabase(server, name);
  }

  @Override
  public String kind() {
    return server.kind();
  }

  @Override
  public String jdbcUrl() {
    return url;
  }

  @Override
  public String user() {
    return server.user();
  }

  @Override
  public String password() {
    return server.password();
  }

  @Override
  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public String schemaOrDatabaseName() {
    return name;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try (Connection admin = server.admin()) {
      if (isPostgres(server)) {
        dropPostgres(admin);
      } else {
        dropMariaDb(admin);
      }
      closed = true;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not drop test database " + name + " on " + server + ": " + e.getMessage(), e);
    }
  }

  /**
   * DROP DATABASE fails while anyone is connected to it. PostgreSQL 13+ has WITH (FORCE), which
   * terminates those sessions; older versions need pg_terminate_backend first.
   */
  private void dropPostgres(Connection admin) throws SQLException {
    try (Statement statement = admin.createStatement()) {
      if (admin.getMetaData().getDatabaseMajorVersion() >= 13) {
        statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        return;
      }
      try (PreparedStatement terminate =
          admin.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
        terminate.setString(1, name);
        terminate.executeQuery().close();
      }
      statement.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
    }
  }

  /**
   * MariaDB's DROP DATABASE waits for metadata locks held by open transactions in it, so kill the
   * sessions using it first (a session may end by itself meanwhile: ignore that error).
   */
  private void dropMariaDb(Connection admin) throws SQLException {
    List<Long> sessions = new ArrayList<>();
    try (PreparedStatement query =
        admin.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sessions.add(rows.getLong(1));
        }
      }
    }
    try (Statement statement = admin.createStatement()) {
      for (long session : sessions) {
        try {
          statement.execute("KILL CONNECTION " + session);
        } catch (SQLException alreadyGone) {
          // The session ended between the query and the KILL.
        }
      }
      statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  private static boolean isPostgres(Server server) {
    return server.kind().equals("postgresql");
  }

  @Override
  public String toString() {
    return server.kind() + " database " + name + " (" + server.description() + ")";
  }
}

package dev.retort.dialect.split;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/** Fresh real databases for the splitter tests, and the shared fixture files. */
final class TestDatabases {
  private TestDatabases() {}

  /** A database created for one test and dropped when closed. */
  static final class Fresh implements AutoCloseable {
    private final String adminUrl;
    private final String url;
    private final String name;
    private final Properties credentials;
    private final String dropSql;

    private Fresh(String adminUrl, String url, String name, Properties credentials, String drop) {
      this.adminUrl = adminUrl;
      this.url = url;
      this.name = name;
      this.credentials = credentials;
      this.dropSql = drop;
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, credentials);
    }

    String name() {
      return name;
    }

    @Override
    public void close() throws SQLException {
      try (Connection admin = DriverManager.getConnection(adminUrl, credentials);
          Statement statement = admin.createStatement()) {
        statement.execute(dropSql);
      }
    }
  }

  static Fresh postgres() {
    String adminUrl = env("RETORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    Properties credentials = credentials(adminUrl, "postgres");
    String name = randomName();
    try (Connection admin = DriverManager.getConnection(adminUrl, credentials);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      assumeTrue(false, "PostgreSQL not tested: " + e.getMessage());
    }
    return new Fresh(
        adminUrl,
        withDatabase(adminUrl, name),
        name,
        credentials,
        "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  }

  static Fresh mariadb() {
    String adminUrl = env("RETORT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    Properties credentials = credentials(adminUrl, "root");
    String name = randomName();
    try (Connection admin = DriverManager.getConnection(adminUrl, credentials);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE `" + name + "`");
    } catch (SQLException e) {
      assumeTrue(false, "MariaDB not tested: " + e.getMessage());
    }
    return new Fresh(
        adminUrl,
        withDatabase(adminUrl, name),
        name,
        credentials,
        "DROP DATABASE IF EXISTS `" + name + "`");
  }

  static Connection sqlite(Path directory) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("test.db"));
  }

  /** Runs each statement, naming its line when the database refuses it. */
  static void execute(Connection connection, List<SqlStatement> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (SqlStatement sql : statements) {
        try {
          statement.execute(sql.sql());
        } catch (SQLException e) {
          throw new SQLException("statement at line " + sql.line() + " failed: " + sql.sql(), e);
        }
      }
    }
  }

  static long count(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static String queryString(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** A fixture file from the repository's fixtures/ folder. */
  static String fixture(String relative) throws IOException {
    return dev.retort.testsupport.Fixtures.read(relative);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Properties credentials(String url, String defaultUser) {
    Properties properties = new Properties();
    if (!url.toLowerCase(Locale.ROOT).contains("user=")) {
      properties.setProperty("user", defaultUser);
      properties.setProperty("password", "");
    }
    return properties;
  }

  private static String randomName() {
    return "retort_split_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The URL with its database path replaced: jdbc:x://host:port/db?params. */
  static String withDatabase(String url, String database) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    int query = url.indexOf('?', hosts + 2);
    String params = query < 0 ? "" : url.substring(query);
    String prefix =
        slash < 0 || (query >= 0 && slash > query)
            ? url.substring(0, query < 0 ? url.length() : query)
            : url.substring(0, slash);
    return prefix + "/" + database + params;
  }
}

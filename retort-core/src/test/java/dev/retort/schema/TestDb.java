package dev.retort.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MySqlDialect;
import dev.retort.dialect.PostgresDialect;
import dev.retort.dialect.SqliteDialect;
import dev.retort.schema.introspect.SchemaFilter;
import dev.retort.schema.introspect.SchemaIntrospectors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty database for one test: a SQLite file in a temp dir, or a randomly named PostgreSQL
 * / MariaDB database that {@link #close} drops. Skips the test (JUnit assumption) when the server
 * cannot be reached.
 */
public final class TestDb implements AutoCloseable {
  static final String POSTGRES_URL =
      env("RETORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String MARIADB_URL =
      env("RETORT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");

  public final Dialect dialect;
  public final String url;
  public final String name;
  private final Connection connection;
  private final String adminUrl;

  private TestDb(Dialect dialect, String url, String name, String adminUrl) throws SQLException {
    this.dialect = dialect;
    this.url = url;
    this.name = name;
    this.adminUrl = adminUrl;
    this.connection = connect(url);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static TestDb sqlite(Path dir) throws SQLException {
    Path file = dir.resolve("db-" + UUID.randomUUID() + ".sqlite");
    return new TestDb(new SqliteDialect(), "jdbc:sqlite:" + file, file.toString(), null);
  }

  public static TestDb postgres() throws SQLException {
    String name = "retort_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(POSTGRES_URL, "PostgreSQL", "CREATE DATABASE " + name);
    return new TestDb(new PostgresDialect(), withDatabase(POSTGRES_URL, name), name, POSTGRES_URL);
  }

  public static TestDb mariadb() throws SQLException {
    String name = "retort_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(MARIADB_URL, "MariaDB", "CREATE DATABASE " + name);
    return new TestDb(new MySqlDialect(true), withDatabase(MARIADB_URL, name), name, MARIADB_URL);
  }

  private static void admin(String url, String product, String sql) throws SQLException {
    Connection admin;
    try {
      admin = connect(url);
    } catch (SQLException e) {
      assumeTrue(false, product + " not tested: " + e.getMessage());
      throw e;
    }
    try (admin;
        Statement st = admin.createStatement()) {
      st.execute(sql);
    }
  }

  static Connection connect(String url) throws SQLException {
    Properties props = new Properties();
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:") && !lower.contains("user=")) {
      props.setProperty("user", "postgres");
    } else if (lower.startsWith("jdbc:mariadb:") && !lower.contains("user=")) {
      props.setProperty("user", "root");
      props.setProperty("password", "");
    }
    return DriverManager.getConnection(url, props);
  }

  /** The URL with its database path replaced: jdbc:x://host:port/db?params. */
  static String withDatabase(String url, String database) {
    int hosts = url.indexOf("//") + 2;
    int slash = url.indexOf('/', hosts);
    int query = url.indexOf('?', hosts);
    String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    String params = query < 0 ? "" : url.substring(query);
    return base + "/" + database + params;
  }

  /** host and port of a server URL, for command-line clients. */
  static String[] hostAndPort(String url) {
    int hosts = url.indexOf("//") + 2;
    int end = url.indexOf('/', hosts);
    String hostPort = url.substring(hosts, end < 0 ? url.length() : end);
    int colon = hostPort.lastIndexOf(':');
    return colon < 0
        ? new String[] {hostPort, "5432"}
        : new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  public Connection connection() {
    return connection;
  }

  public void execute(List<String> statements) throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (String sql : statements) {
        try {
          st.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(e.getMessage() + "\n  in: " + sql, e);
        }
      }
    }
  }

  public void execute(String... statements) throws SQLException {
    execute(List.of(statements));
  }

  public SchemaModel introspect() {
    return introspect(SchemaFilter.all("retort_history"));
  }

  public SchemaModel introspect(SchemaFilter filter) {
    return SchemaIntrospectors.forDialect(dialect).introspect(connection, filter);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
    if (adminUrl == null) {
      return;
    }
    try (Connection admin = connect(adminUrl);
        Statement st = admin.createStatement()) {
      if (dialect.name().equals("postgresql")) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } else {
        st.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }
}

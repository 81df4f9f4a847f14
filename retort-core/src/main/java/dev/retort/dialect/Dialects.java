package dev.retort.dialect;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** Picks the dialect for a JDBC URL or a live connection. */
public final class Dialects {
  private Dialects() {}

  /** The dialect for a JDBC URL, or a CONFIG error naming the URL's scheme. */
  public static Dialect forUrl(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    if (url.startsWith("jdbc:mariadb:")) {
      return new MySqlDialect(true);
    }
    if (url.startsWith("jdbc:mysql:")) {
      return new MySqlDialect(false);
    }
    String scheme = url.startsWith("jdbc:") ? url.split(":", 3)[1] : url;
    throw new RetortException(
        ErrorCode.CONFIG,
        "unsupported database URL scheme '"
            + scheme
            + "': use jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:");
  }

  /** The dialect of a live connection, from the product name its driver reports. */
  public static Dialect forConnection(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("sqlite")) {
      return new SqliteDialect();
    }
    if (product.contains("postgres")) {
      return new PostgresDialect();
    }
    if (product.contains("mariadb")) {
      return new MySqlDialect(true);
    }
    if (product.contains("mysql")) {
      // MariaDB servers behind the MySQL driver still report their version string.
      String version = meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
      return new MySqlDialect(version.contains("mariadb"));
    }
    throw new RetortException(
        ErrorCode.CONFIG,
        "unsupported database '"
            + meta.getDatabaseProductName()
            + "': Retort supports SQLite, PostgreSQL, MariaDB and MySQL");
  }
}

package dev.retort;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Connections for a JDBC URL. {@link DriverManager#getConnection} loads and initialises every
 * driver on the classpath before it picks one: for a CLI command on SQLite that meant the
 * PostgreSQL and MariaDB drivers too, and java.util.logging with them (docs/benchmarks.md). For the
 * schemes Retort supports, the one driver class is loaded directly; when it is not there, or does
 * not take the URL, DriverManager decides as before.
 */
final class UrlConnections {
  /** The usual driver of each scheme Retort supports. */
  private static final Map<String, String> DRIVERS =
      Map.of(
          "jdbc:sqlite:", "org.sqlite.JDBC",
          "jdbc:postgresql:", "org.postgresql.Driver",
          "jdbc:mariadb:", "org.mariadb.jdbc.Driver",
          "jdbc:mysql:", "com.mysql.cj.jdbc.Driver");

  private UrlConnections() {}

  /**
   * The driver is loaded at the first connection, not here: a command then reads its migrations on
   * another thread while the driver initialises (LoadAhead).
   */
  static ConnectionSource of(String url, Properties props) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new ConnectionSource() {
      private volatile Driver driver;
      private volatile boolean looked;

      @Override
      public Connection open() throws SQLException {
        if (!looked) {
          driver = driverFor(url, context);
          looked = true;
        }
        Driver d = driver;
        Connection c = d == null ? null : d.connect(url, props);
        return c != null ? c : DriverManager.getConnection(url, props);
      }
    };
  }

  /** The scheme's driver from Retort's class loader or the thread's, or null. */
  static Driver driverFor(String url) {
    return driverFor(url, Thread.currentThread().getContextClassLoader());
  }

  private static Driver driverFor(String url, ClassLoader context) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : DRIVERS.entrySet()) {
      if (lower.startsWith(e.getKey())) {
        Driver d = instantiate(e.getValue(), UrlConnections.class.getClassLoader());
        return d != null ? d : instantiate(e.getValue(), context);
      }
    }
    return null;
  }

  private static Driver instantiate(String className, ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    try {
      Class<?> type = Class.forName(className, true, loader);
      return Driver.class.isAssignableFrom(type)
          ? (Driver) type.getDeclaredConstructor().newInstance()
          : null;
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      return null;
    }
  }
}

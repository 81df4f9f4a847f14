package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application hands Retort its pool: the connection goes back to the pool afterwards, so the
 * timeouts and search path Retort set for its migrations must not stay on it.
 */
class PooledConnectionConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void sessionSettingsDoNotLeakIntoThePool(String kind) throws Exception {
    try (Env env = Env.open(kind, dir);
        Connection pooled = env.connect()) {
      env.write("p1", null, "CREATE TABLE t (id INTEGER);", null);
      List<String> before = settings(kind, pooled);
      Retort retort =
          Retort.configure()
              .dataSource(new OneConnectionPool(pooled))
              .locations(env.folder().toString())
              .schema(kind.equals("postgresql") ? "app" : null)
              .ddlLockTimeout(Duration.ofSeconds(7))
              .statementTimeout(Duration.ofSeconds(70))
              .build();

      retort.upgrade();
      retort.status();

      assertThat(pooled.isClosed()).isFalse();
      assertThat(settings(kind, pooled)).isEqualTo(before);
    }
  }

  private static List<String> settings(String kind, Connection connection) throws SQLException {
    String sql =
        kind.equals("postgresql")
            ? "SELECT current_setting('search_path'), current_setting('lock_timeout'),"
                + " current_setting('statement_timeout')"
            : "SELECT @@SESSION.lock_wait_timeout, @@SESSION.max_statement_time";
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }

  /** A pool of one connection: close() hands it back instead of closing it. */
  private static final class OneConnectionPool implements DataSource {
    private final Connection connection;

    OneConnectionPool(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                  return null;
                }
                try {
                  return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public Connection getConnection(String user, String password) {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}

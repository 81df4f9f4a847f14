package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migration lock is held on a connection of its own while the command's stays open: a pool must
 * give two at once, and one that cannot is told so.
 */
class PoolSizeConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void aPoolOfOneIsToldItNeedsTwoAndAPoolOfTwoMigrates(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write("a1", null, "CREATE TABLE t (id INTEGER);", null);

      Retort tooSmall = retort(env, new BoundedPool(env, 1));
      assertThatThrownBy(tooSmall::upgrade)
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("cannot open a connection for the migration lock")
          .hasMessageContaining("pool exhausted")
          .hasMessageContaining("at least 2 connections at once")
          .extracting(e -> ((RetortException) e).code())
          .isEqualTo(ErrorCode.DATABASE);

      BoundedPool two = new BoundedPool(env, 2);
      retort(env, two).upgrade();
      assertThat(env.retort().current()).containsExactly("a1");
      assertThat(two.open.get()).isZero();
    }
  }

  private static Retort retort(Env env, DataSource pool) {
    return Retort.configure()
        .dataSource(pool)
        .locations(env.folder().toString())
        .lockWait(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Real connections, at most {@code size} open at once; one more fails at once as a pool's
   * checkout timeout would (HikariCP: SQLTransientConnectionException).
   */
  private static final class BoundedPool extends TestPool {
    private final Env env;
    private final int size;
    final AtomicInteger open = new AtomicInteger();

    BoundedPool(Env env, int size) {
      this.env = env;
      this.size = size;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (open.incrementAndGet() > size) {
        open.decrementAndGet();
        throw new SQLTransientConnectionException(
            "pool exhausted: all " + size + " connections are in use");
      }
      Connection real = env.connect();
      AtomicInteger closed = new AtomicInteger();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close") && closed.getAndIncrement() == 0) {
                  open.decrementAndGet();
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}

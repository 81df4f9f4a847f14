package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MySqlNamedLockTest extends LockContract implements CrossProcessContract {
  private TestServer server;
  private RecordingSource source;

  @BeforeEach
  void connect() {
    server = TestServer.mariadb();
    source = new RecordingSource(server);
  }

  @Override
  public MigrationLock lock(String name) {
    return new MySqlNamedLock(source, "retort:" + name);
  }

  /** A schema name: the dialect locks "retort:schema". */
  @Override
  public String name() {
    return TestServer.randomName();
  }

  @Override
  String holderMark() throws SQLException {
    return "connection id " + threadId(source.last());
  }

  @Override
  void assertNothingLeftOpen() throws SQLException {
    source.assertAllClosed();
  }

  @Override
  public List<String> childArgs(String name) {
    return List.of("mariadb", server.url(), server.user(), server.password(), "retort:" + name);
  }

  private static long threadId(Connection c) throws SQLException {
    return c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
  }

  @Test
  void namesTheHoldersUserAndHost() throws Exception {
    String name = name();
    try (MigrationLock.Held held = lock(name).acquire(WAIT)) {
      long holder = threadId(source.last());
      assertThatThrownBy(() -> lock(name).acquire(Duration.ZERO))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("MariaDB connection id " + holder + " (user '")
          .hasMessageContaining("', host '");
    }
  }

  @Test
  void closeAfterTheLockConnectionDiedDoesNotThrow() throws Exception {
    String name = name();
    MigrationLock.Held held = lock(name).acquire(WAIT);
    long id = threadId(source.last());
    try (Connection admin = server.open();
        Statement st = admin.createStatement()) {
      st.execute("KILL " + id);
    }
    held.close();
    try (MigrationLock.Held again = lock(name).acquire(Duration.ofSeconds(5))) {
      assertThat(again).isNotNull();
    }
    source.assertAllClosed();
  }
}

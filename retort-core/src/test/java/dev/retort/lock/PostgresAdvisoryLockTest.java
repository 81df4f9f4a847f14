package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class PostgresAdvisoryLockTest extends LockContract implements CrossProcessContract {
  private TestServer server;
  private RecordingSource source;

  @BeforeEach
  void connect() {
    server = TestServer.postgres();
    source = new RecordingSource(server);
  }

  @Override
  public MigrationLock lock(String name) {
    return new PostgresAdvisoryLock(source, "retort:" + name);
  }

  /** A schema name: the dialect locks "retort:schema". */
  @Override
  public String name() {
    return TestServer.randomName();
  }

  @Override
  String holderMark() throws SQLException {
    return "PostgreSQL pid " + source.last().unwrap(PGConnection.class).getBackendPID();
  }

  @Override
  void assertNothingLeftOpen() throws SQLException {
    source.assertAllClosed();
  }

  @Override
  public List<String> childArgs(String name) {
    return List.of("postgres", server.url(), server.user(), server.password(), "retort:" + name);
  }

  /** Changing the key would let two Retort versions migrate one database at the same time. */
  @Test
  void keyIsStableAcrossVersions() {
    assertThat(PostgresAdvisoryLock.key("retort:public", "postgres"))
        .isEqualTo(-3559668927068731753L);
  }

  @Test
  void closeAfterTheLockConnectionDiedDoesNotThrow() throws Exception {
    String name = name();
    MigrationLock.Held held = lock(name).acquire(WAIT);
    int pid = source.last().unwrap(PGConnection.class).getBackendPID();
    try (Connection admin = server.open();
        PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      ps.setInt(1, pid);
      ps.execute();
    }
    held.close();
    try (MigrationLock.Held again = lock(name).acquire(Duration.ofSeconds(5))) {
      assertThat(again).isNotNull();
    }
    source.assertAllClosed();
  }

  @Test
  void namesAnUnnamedLockSessionRetort() throws Exception {
    String name = name();
    String url = server.url() + (server.url().contains("?") ? "&" : "?") + "ApplicationName=";
    PostgresAdvisoryLock unnamed =
        new PostgresAdvisoryLock(
            () -> DriverManager.getConnection(url, server.user(), server.password()),
            "retort:" + name);
    try (MigrationLock.Held held = unnamed.acquire(WAIT)) {
      assertThatThrownBy(() -> lock(name).acquire(Duration.ZERO))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("application_name 'retort'")
          .hasMessageContaining("since 20");
    }
  }

  /**
   * The lock is a session lock, so the lock connection sits outside any transaction and CREATE
   * INDEX CONCURRENTLY, which waits for older transactions, does not wait for it
   * (flyway/flyway#3961 deadlocked on a transaction-level lock).
   */
  @Test
  void createIndexConcurrentlyDoesNotWaitForTheLock() throws Exception {
    String schema = name();
    try (Connection c = server.open();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA \"" + schema + "\"");
      try {
        st.execute("CREATE TABLE \"" + schema + "\".t (id int)");
        try (MigrationLock.Held held = lock(schema).acquire(WAIT)) {
          st.execute("SET statement_timeout = '10s'");
          st.execute("CREATE INDEX CONCURRENTLY ON \"" + schema + "\".t (id)");
        }
      } finally {
        st.execute("RESET statement_timeout");
        st.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
      }
    }
  }
}

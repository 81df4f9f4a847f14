package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens connections to a test server and remembers them, to check that a lock closes its own. */
final class RecordingSource implements ConnectionSource {
  private final TestServer server;
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  RecordingSource(TestServer server) {
    this.server = server;
  }

  @Override
  public Connection open() throws SQLException {
    Connection c = server.open();
    opened.add(c);
    return c;
  }

  Connection last() {
    assertThat(opened).isNotEmpty();
    return opened.get(opened.size() - 1);
  }

  void assertAllClosed() throws SQLException {
    for (Connection c : opened) {
      assertThat(c.isClosed()).as("lock connection closed").isTrue();
    }
  }
}

package dev.retort.lock;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.execute.SqlErrors;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock on PostgreSQL: a session-level advisory lock held on a connection of its own.
 *
 * <p>Session level, never transaction level ({@code pg_try_advisory_xact_lock}): a migration that
 * runs {@code CREATE INDEX CONCURRENTLY} waits for every open transaction to end, including one
 * holding the lock, and would deadlock on it (flyway/flyway#3961). The server drops session locks
 * when the connection ends, so a killed holder never blocks. It is polled with {@code
 * pg_try_advisory_lock} rather than waited for with {@code pg_advisory_lock}, so the wait is
 * bounded and the holder can be named when it ends. Session locks need a real session: behind
 * PgBouncer in transaction pooling mode they do not exclude anything.
 */
public final class PostgresAdvisoryLock implements MigrationLock {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

  /** What pgjdbc sends when the application chose no ApplicationName: no name at all, really. */
  private static final String DRIVER_DEFAULT_NAME = "PostgreSQL JDBC Driver";

  private final ConnectionSource source;
  private final String lockName;

  public PostgresAdvisoryLock(ConnectionSource source, String lockName) {
    this.source = source;
    this.lockName = lockName;
  }

  @Override
  public Held acquire(Duration wait) {
    LockWait deadline = new LockWait(wait, 100, 500);
    Connection connection = null;
    boolean namedByUs = false;
    try {
      connection = LockConnections.open(source, lockName);
      connection.setAutoCommit(true);
      long key = key(lockName, currentDatabase(connection));
      namedByUs = nameSessionIfUnnamed(connection);
      try (PreparedStatement tryLock =
          connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        tryLock.setLong(1, key);
        while (true) {
          if (firstBoolean(tryLock)) {
            LOG.debug("took migration lock {} (advisory key {})", lockName, key);
            Held held = new AdvisoryHeld(connection, key, namedByUs);
            connection = null;
            return held;
          }
          if (!deadline.sleep(lockName)) {
            throw deadline.timeout(lockName, holder(connection, key), LockWait.STOP_THAT_PROCESS);
          }
        }
      }
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot take the migration lock "
              + lockName
              + " on PostgreSQL: "
              + SqlErrors.message(e)
              + "; check that the database is reachable",
          e);
    } finally {
      if (connection != null) {
        release(connection, null, namedByUs);
      }
    }
  }

  /**
   * The advisory lock key: the first 8 bytes of SHA-256 over the lock name and database. Stable
   * across JVMs and versions, unlike {@link String#hashCode()}, and with 64 bits a collision with
   * an application's own advisory locks is negligible.
   */
  static long key(String lockName, String database) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((lockName + '\0' + database).getBytes(UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  private static String currentDatabase(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Names the lock session 'retort' in pg_stat_activity when the caller's connection has no
   * application_name (or pgjdbc's default), so that other waiters see who holds the lock. A name
   * the caller chose is kept. Undone on release, as the connection may go back to a pool.
   */
  private static boolean nameSessionIfUnnamed(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT current_setting('application_name')")) {
        rs.next();
        String current = rs.getString(1);
        if (current != null && !current.isEmpty() && !current.equals(DRIVER_DEFAULT_NAME)) {
          return false;
        }
      }
      st.execute("SET application_name = 'retort'");
      return true;
    }
  }

  private static boolean firstBoolean(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Who holds the key, from pg_locks and pg_stat_activity. A bigint advisory key shows as classid
   * (high 32 bits), objid (low 32 bits) and objsubid 1. Without pg_read_all_stats the details of
   * another user's session read as null; the pid is always visible.
   */
  private static String holder(Connection connection, long key) {
    String sql =
        "SELECT l.pid, a.application_name, host(a.client_addr), a.state_change, a.backend_start"
            + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, key >>> 32);
      ps.setLong(2, key & 0xFFFF_FFFFL);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return "another session (it no longer shows in pg_locks: probably released just now)";
        }
        StringBuilder holder = new StringBuilder("PostgreSQL pid ").append(rs.getInt(1));
        String details = details(rs);
        return details.isEmpty()
            ? holder.toString()
            : holder.append(" (").append(details).append(')').toString();
      }
    } catch (SQLException e) {
      LOG.debug("could not read the holder of advisory lock {}", key, e);
      return "another session (pg_locks could not be read: "
          + SqlErrors.oneLine(e.getMessage())
          + ")";
    }
  }

  private static String details(ResultSet rs) throws SQLException {
    StringBuilder details = new StringBuilder();
    String application = rs.getString(2);
    if (application != null) {
      details.append("application_name '").append(application).append('\'');
    }
    String client = rs.getString(3);
    if (client != null) {
      details.append(details.length() > 0 ? ", " : "").append("client ").append(client);
    }
    // The lock session idles after taking the lock, so its last state change is about when.
    Timestamp since = rs.getTimestamp(4);
    if (since == null) {
      since = rs.getTimestamp(5);
    }
    if (since != null) {
      details.append(details.length() > 0 ? ", " : "").append("since ").append(since.toInstant());
    }
    return details.toString();
  }

  /** Unlocks (when key is not null) and closes; never throws: a dead session has no lock left. */
  private static void release(Connection connection, Long key, boolean namedByUs) {
    try (connection) {
      if (key != null) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          ps.setLong(1, key);
          if (!firstBoolean(ps)) {
            LOG.debug("advisory lock {} was not held at release", key);
          }
        }
      }
      if (namedByUs) {
        try (Statement st = connection.createStatement()) {
          // Back to the name the connection was opened with.
          st.execute("RESET application_name");
        }
      }
    } catch (SQLException e) {
      LOG.debug(
          "could not release the PostgreSQL lock connection cleanly; the server ends the"
              + " session lock with the connection",
          e);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL advisory lock " + lockName;
  }

  private static final class AdvisoryHeld implements Held {
    private final Connection connection;
    private final long key;
    private final boolean namedByUs;
    private final AtomicBoolean open = new AtomicBoolean(true);

    AdvisoryHeld(Connection connection, long key, boolean namedByUs) {
      this.connection = connection;
      this.key = key;
      this.namedByUs = namedByUs;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        release(connection, key, namedByUs);
      }
    }
  }
}

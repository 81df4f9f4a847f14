package dev.retort.lock;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.execute.SqlErrors;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock on MySQL and MariaDB: a named lock ({@code GET_LOCK}) held on a connection of
 * its own. Named locks belong to the session, not to a transaction, so DDL's implicit commits do
 * not release them, and the server drops them when the connection ends: a killed holder never
 * blocks. Names are server-wide (the dialect puts the schema into the name) and at most 64
 * characters.
 */
public final class MySqlNamedLock implements MigrationLock {
  private static final Logger LOG = LoggerFactory.getLogger(MySqlNamedLock.class);

  /** GET_LOCK takes seconds; a year is "forever" without relying on negative = infinite. */
  private static final long MAX_WAIT_SECONDS = 365L * 24 * 3600;

  private final ConnectionSource source;
  private final String lockName;

  public MySqlNamedLock(ConnectionSource source, String lockName) {
    this.source = source;
    this.lockName = lockName;
  }

  @Override
  public Held acquire(Duration wait) {
    LockWait deadline = new LockWait(wait, 0, 0);
    Connection connection = null;
    try {
      connection = LockConnections.open(source, lockName);
      connection.setAutoCommit(true);
      // One server-side wait instead of polling: GET_LOCK returns 1 when taken, 0 when the timeout
      // (fractional seconds on MySQL 8 and MariaDB 10.6+) ends, NULL on an error such as KILL.
      Integer got;
      try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
        ps.setString(1, lockName);
        ps.setBigDecimal(2, seconds(deadline.remaining()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          got = rs.getObject(1) == null ? null : rs.getInt(1);
        }
      }
      if (got == null) {
        throw new RetortException(
            ErrorCode.DATABASE,
            "cannot take the migration lock "
                + lockName
                + ": GET_LOCK returned NULL (the wait was killed or failed); run the command again");
      }
      if (got != 1) {
        throw deadline.timeout(lockName, holder(connection), LockWait.STOP_THAT_PROCESS);
      }
      LOG.debug("took migration lock {}", lockName);
      Held held = new NamedHeld(connection, lockName);
      connection = null;
      return held;
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot take the migration lock "
              + lockName
              + ": "
              + SqlErrors.message(e)
              + "; check that the database is reachable",
          e);
    } finally {
      if (connection != null) {
        release(connection, null);
      }
    }
  }

  private static BigDecimal seconds(Duration remaining) {
    BigDecimal seconds = BigDecimal.valueOf(remaining.toMillis(), 3);
    return seconds.min(BigDecimal.valueOf(MAX_WAIT_SECONDS));
  }

  /**
   * Who holds the lock: IS_USED_LOCK gives the holder's connection id; PROCESSLIST adds user, host
   * and how long that connection has been in its state (a lock connection idles after GET_LOCK, so
   * that is about how long it has held the lock). Without the PROCESS privilege only the id shows.
   */
  private String holder(Connection connection) {
    String product = "MySQL";
    try {
      product = connection.getMetaData().getDatabaseProductName();
      Long id;
      try (PreparedStatement ps = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
        ps.setString(1, lockName);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getObject(1) == null ? null : rs.getLong(1);
        }
      }
      if (id == null) {
        return "another connection (IS_USED_LOCK shows none any more: probably released just now)";
      }
      String holder = product + " connection id " + id;
      String details = processDetails(connection, id);
      return details.isEmpty() ? holder : holder + " (" + details + ")";
    } catch (SQLException e) {
      LOG.debug("could not read the holder of named lock {}", lockName, e);
      return "another "
          + product
          + " connection (IS_USED_LOCK failed: "
          + SqlErrors.oneLine(e.getMessage())
          + ")";
    }
  }

  private static String processDetails(Connection connection, long id) {
    String sql =
        "SELECT USER, HOST, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return "";
        }
        return "user '"
            + rs.getString(1)
            + "', host '"
            + rs.getString(2)
            + "', "
            + rs.getString(3)
            + " for "
            + rs.getLong(4)
            + "s";
      }
    } catch (SQLException e) {
      LOG.debug("could not read information_schema.PROCESSLIST", e);
      return "";
    }
  }

  /** Releases (when lockName is not null) and closes; never throws. */
  private static void release(Connection connection, String lockName) {
    try (connection) {
      if (lockName != null) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
          ps.setString(1, lockName);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) != 1) {
              LOG.debug("named lock {} was not held at release", lockName);
            }
          }
        }
      }
    } catch (SQLException e) {
      LOG.debug(
          "could not release the lock connection cleanly; the server drops the named lock"
              + " with the connection",
          e);
    }
  }

  @Override
  public String toString() {
    return "MySQL named lock " + lockName;
  }

  private static final class NamedHeld implements Held {
    private final Connection connection;
    private final String lockName;
    private final AtomicBoolean open = new AtomicBoolean(true);

    NamedHeld(Connection connection, String lockName) {
      this.connection = connection;
      this.lockName = lockName;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        release(connection, lockName);
      }
    }
  }
}

package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.dialect.split.SqliteSplitter;
import dev.retort.lock.FileMigrationLock;
import dev.retort.lock.InProcessMigrationLock;
import dev.retort.lock.MigrationLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * SQLite through sqlite-jdbc. DDL is transactional when autocommit is off (proven by a test), so a
 * migration and its history row commit together. The migration lock is an OS file lock beside the
 * database file: the kernel releases it when the process dies.
 */
public final class SqliteDialect implements Dialect {
  private static final SqlSplitter SPLITTER = new SqliteSplitter();

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  /**
   * A tenth of a second: a commit costs a few milliseconds (journal written and synced, more on
   * slow disks) against a fraction of one for a typical migration, so commits stay a few percent of
   * a run. A crash loses the group that has not committed yet: the migrations that started within
   * this window of its first one, including the one then running, however long that one takes. They
   * apply again on the next run.
   */
  @Override
  public Duration commitGroupWindow() {
    return Duration.ofMillis(100);
  }

  /**
   * sqlite-jdbc reads each column of each row with a call into its native library, which builds a
   * buffer object back in Java: in a fresh process, most of the light history read of 200 rows
   * (about 6 ms against 1.3 for the same rows joined, docs/benchmarks.md).
   */
  @Override
  public String joinRows(String expression, String separator) {
    return "group_concat(" + expression + ", " + separator + ")";
  }

  @Override
  public SqlSplitter splitter() {
    return SPLITTER;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String largeTextType() {
    return "TEXT";
  }

  @Override
  public String currentSchema(Connection connection) {
    return null;
  }

  @Override
  public void ensureSchema(Connection connection, String schema) {
    // SQLite has attached databases, not schemas; nothing to create.
  }

  @Override
  public void configureSession(Connection connection, SessionSettings settings)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA busy_timeout = " + busyMillis(settings));
    }
  }

  /**
   * A writer waits for other writers (an application holding the file) instead of failing at once
   * with SQLITE_BUSY; the lock timeout is the natural bound for that wait.
   */
  private static long busyMillis(SessionSettings settings) {
    return settings.lockTimeout() == null ? 10_000 : settings.lockTimeout().toMillis();
  }

  /**
   * The busy timeout goes back to what the connection had: sqlite-jdbc's default, or the pool's. A
   * pooled connection that already has Retort's (a pool configured with Retort's lock timeout as
   * its busy timeout) is left as it is: two statements fewer on every call.
   */
  @Override
  public SessionRestore startSession(Connection connection, SessionSettings settings)
      throws SQLException {
    long before;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA busy_timeout")) {
      rs.next();
      before = rs.getLong(1);
    }
    if (before == busyMillis(settings)) {
      return () -> {};
    }
    configureSession(connection, settings);
    return () -> {
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + before);
      }
    };
  }

  @Override
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public MigrationLock migrationLock(ConnectionSource source, String jdbcUrl, String schema) {
    Path file = databaseFile(jdbcUrl);
    if (file == null) {
      return new InProcessMigrationLock(jdbcUrl);
    }
    return new FileMigrationLock(
        file.resolveSibling(file.getFileName().toString() + ".retort.lock"));
  }

  /**
   * The database file of a {@code jdbc:sqlite:} URL, or null for an in-memory database. Query
   * parameters and the {@code file:} form are accepted.
   */
  public static Path databaseFile(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      // file:name?mode=memory is an in-memory database despite its name.
      if (rest.substring(query).contains("mode=memory")) {
        return null;
      }
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
      return null;
    }
    return Path.of(rest).toAbsolutePath().normalize();
  }

  /**
   * The database file of a plain {@code jdbc:sqlite:} path when it surely does not exist, or null.
   * Not for {@code file:} URIs, whose escapes {@link #databaseFile} does not undo, nor for a path
   * whose existence cannot be checked (no permission): opening that must fail as it always did.
   */
  public static Path missingDatabaseFile(String jdbcUrl) {
    if (jdbcUrl.regionMatches(true, 0, "jdbc:sqlite:file:", 0, "jdbc:sqlite:file:".length())) {
      return null;
    }
    Path file = databaseFile(jdbcUrl);
    return file != null && Files.notExists(file) ? file : null;
  }

  @Override
  public Scratch createScratch(ScratchRequest live, String name) {
    return Scratches.sqliteFile(name);
  }

  @Override
  public TransactionGuard guardTransaction(Connection connection) throws SQLException {
    boolean enforced;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
      enforced = rs.next() && rs.getInt(1) == 1;
    }
    if (!enforced) {
      return TransactionGuard.NONE;
    }
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA foreign_keys = OFF");
    }
    return new TransactionGuard() {
      @Override
      public void beforeCommit(Connection c) throws SQLException {
        // The checks that enforcement would have made, once, over the whole database.
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
          if (rs.next()) {
            throw new SQLException(
                "foreign key violation: a row of table "
                    + rs.getString(1)
                    + " (rowid "
                    + rs.getString(2)
                    + ") references a missing row of "
                    + rs.getString(3)
                    + "; the migration leaves data that breaks a foreign key");
          }
        }
      }

      @Override
      public void restore(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA foreign_keys = ON");
        }
      }
    };
  }
}

package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Everything that differs between databases, as capabilities and small services. The engine asks a
 * dialect; it never checks which database it is talking to.
 */
public interface Dialect {
  /** A short lowercase name: {@code sqlite}, {@code postgresql}, {@code mysql}. */
  String name();

  /**
   * True where DDL statements roll back with their transaction (SQLite, PostgreSQL). Where false
   * (MySQL, MariaDB: every DDL statement commits implicitly) the engine records statement-level
   * progress so that a half-applied migration can be resumed or resolved.
   */
  boolean transactionalDdl();

  /**
   * How long consecutive migrations of one run may share a transaction, each in a savepoint, before
   * it commits; zero for a transaction each. Worth it where a commit costs more than the migrations
   * it closes and a longer transaction holds back no one who was not waiting anyway: SQLite, whose
   * commit writes and syncs a journal and whose one writer at a time waits for the migration
   * regardless. Not PostgreSQL: a shared transaction would hold each migration's table locks until
   * the group commits, and its commit is cheap next to its DDL.
   */
  default Duration commitGroupWindow() {
    return Duration.ZERO;
  }

  /** Splits migration scripts the way this database's own client does. */
  SqlSplitter splitter();

  /** Quotes an identifier, doubling any embedded quote character. */
  String quote(String identifier);

  /** {@code schema.name} quoted, or just the quoted name when schema is null. */
  default String qualify(String schema, String name) {
    return schema == null ? quote(name) : quote(schema) + "." + quote(name);
  }

  /**
   * A SQL string literal, for offline scripts and for a batch, which cannot bind parameters ({@link
   * #elapsedMillisSql}); values are bound as parameters otherwise.
   */
  default String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * {@code expression} made to compare with a string literal byte for byte. MySQL's and MariaDB's
   * default collations ignore case and trailing spaces; elsewhere {@code =} on text is exact.
   */
  default String exact(String expression) {
    return expression;
  }

  /**
   * An aggregate joining the text values of {@code expression} over a query's rows with the literal
   * {@code separator} between them, in the order the rows come where the database keeps it (the
   * caller checks, and reads row by row otherwise); or null where reading rows one by one costs no
   * more. The expression concatenates with {@code ||}, so a dialect that joins must read {@code ||}
   * as concatenation. The light history read uses it to fetch the whole history as one value
   * (history/JoinedRows.java).
   */
  default String joinRows(String expression, String separator) {
    return null;
  }

  /**
   * A statement as it is written in an offline script, with the terminator this database's client
   * expects.
   */
  default String scriptStatement(String sql) {
    return sql + ";";
  }

  /** A column type for unlimited text (the down scripts stored in the history table). */
  String largeTextType();

  /** The schema (database, on MySQL) that unqualified names resolve to; null on SQLite. */
  String currentSchema(Connection connection) throws SQLException;

  /**
   * The schema to pin the history table {@code table} to when none is configured: where its
   * unqualified name finds it now, as the reads before the lock did, else where a new table would
   * go. Only a search path of several schemas makes the two differ (PostgreSQL): one created by a
   * migration after the history table, such as a schema named after the user ({@code "$user"} leads
   * the default path), must not make the next run start a second history there and apply every
   * migration again.
   */
  default String historySchema(Connection connection, String table) throws SQLException {
    return currentSchema(connection);
  }

  /** Creates the schema if it is missing, where the database has schemas apart from databases. */
  void ensureSchema(Connection connection, String schema) throws SQLException;

  /** Applies timeouts and the search path to a connection that will run migrations. */
  void configureSession(Connection connection, SessionSettings settings) throws SQLException;

  /**
   * Puts back the session defaults of what {@link #configureSession} set, before the connection is
   * closed: a connection from the application's pool keeps its session settings, and the
   * migrations' timeouts and search path must not become the application's.
   */
  default void resetSession(Connection connection, SessionSettings settings) throws SQLException {}

  /**
   * Configures a connection for one command ({@link #configureSession}) and returns what puts its
   * session back as it was before, when the command ends. More than {@link #resetSession}: a
   * migration changes the session too (pg_dump output empties {@code search_path}, a MySQL script
   * says {@code USE other}), and on a pooled connection that would become the application's.
   * Dialects that must remember something from before the command override this.
   */
  default SessionRestore startSession(Connection connection, SessionSettings settings)
      throws SQLException {
    configureSession(connection, settings);
    return () -> resetSession(connection, settings);
  }

  /** Puts a connection's session back as {@link #startSession} found it. */
  @FunctionalInterface
  interface SessionRestore {
    void restore() throws SQLException;
  }

  /** Whether a table exists, without raising an error that would abort a transaction. */
  boolean tableExists(Connection connection, String schema, String table) throws SQLException;

  /**
   * Prepares a connection, still in autocommit mode, for one migration's transaction. SQLite turns
   * foreign key enforcement off (it cannot change inside a transaction) so that a table rebuild's
   * DROP TABLE cannot fire ON DELETE CASCADE, and checks every foreign key before the commit
   * instead; other databases need nothing.
   */
  default TransactionGuard guardTransaction(Connection connection) throws SQLException {
    return TransactionGuard.NONE;
  }

  /**
   * Lets this session's commits return before the database has flushed them to disk, for the
   * migrations of one run; null where the database has no such setting for one session. Only where
   * a commit that is lost in a server crash is lost whole, in order, and never followed by a later
   * one that survives (PostgreSQL's {@code synchronous_commit = off}): each migration and its
   * history row still commit together, and the engine ends the run with one commit that waits for
   * the disk, which makes every commit before it durable too. Locks are released at each commit as
   * before; what changes is one disk flush per run instead of one per migration.
   */
  default DeferredFlush deferFlush(Connection connection) throws SQLException {
    return null;
  }

  /**
   * An SQL expression for the milliseconds since the current transaction began, where the driver
   * sends a JDBC batch in one round trip (PostgreSQL's pgjdbc); null elsewhere. Where there is one,
   * a migration's last statement, its history row and its commit travel together, and the row
   * records its duration with this expression, measured by the server ({@code FinalBatch}).
   */
  default String elapsedMillisSql() {
    return null;
  }

  /**
   * Whether a JDBC batch on this connection goes to the server in one round trip and the server
   * runs none of its entries after the first that fails; only where {@link #elapsedMillisSql} is
   * not null and no {@link #guardTransaction guard} is needed. Where true, consecutive migrations
   * travel in one batch, each between a BEGIN and a COMMIT of its own ({@code Pipeline}).
   */
  default boolean pipelinesBatches(Connection connection) {
    return false;
  }

  /** What {@link #deferFlush} changed; see there. */
  @FunctionalInterface
  interface DeferredFlush {
    /**
     * Puts the session's setting back as it was, in autocommit mode. The next commit that writes
     * waits for the disk again (and for a standby, if the setting said so), and so for every commit
     * before it.
     */
    void restore(Connection connection) throws SQLException;
  }

  /** What a dialect does around a migration's transaction; see {@link #guardTransaction}. */
  interface TransactionGuard {
    /** Runs inside the transaction, just before the commit; throws to roll back. */
    void beforeCommit(Connection connection) throws SQLException;

    /** Runs after the commit or rollback, in autocommit mode, to restore the connection. */
    void restore(Connection connection) throws SQLException;

    TransactionGuard NONE =
        new TransactionGuard() {
          @Override
          public void beforeCommit(Connection connection) {}

          @Override
          public void restore(Connection connection) {}
        };
  }

  /**
   * Creates an empty scratch space beside the live database, with the live database's credentials:
   * a database on PostgreSQL (a schema would share the live database, and migrations written as
   * pg_dump writes them name {@code public.x}), a database on MySQL, a temporary file on SQLite.
   * Nothing a replay does in it can reach the live data through unqualified names.
   *
   * @param live a scratch request: the live database's connections, URL and credentials
   * @param name a fresh name for the scratch database
   */
  Scratch createScratch(ScratchRequest live, String name) throws SQLException;

  /**
   * What a dialect may use to create a scratch space.
   *
   * @param source opens connections to the live database
   * @param jdbcUrl the live database's configured URL, or null when Retort was given a DataSource
   * @param connector opens another URL with the live credentials and driver properties, or null
   */
  record ScratchRequest(
      ConnectionSource source,
      String jdbcUrl,
      java.util.function.Function<String, ConnectionSource> connector) {}

  /**
   * The lock that serialises migrations of one database (one schema on PostgreSQL).
   *
   * @param source opens the dedicated connection the lock is held on, where the lock needs one
   * @param jdbcUrl the URL of the database, as its driver reports it (SQLite locks a file beside
   *     the database file)
   * @param schema the schema the history table lives in, or null
   */
  MigrationLock migrationLock(ConnectionSource source, String jdbcUrl, String schema);
}

package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;

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

  /** Splits migration scripts the way this database's own client does. */
  SqlSplitter splitter();

  /** Quotes an identifier, doubling any embedded quote character. */
  String quote(String identifier);

  /** {@code schema.name} quoted, or just the quoted name when schema is null. */
  default String qualify(String schema, String name) {
    return schema == null ? quote(name) : quote(schema) + "." + quote(name);
  }

  /** A SQL string literal, for offline scripts; values are bound as parameters otherwise. */
  default String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
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

  /** Creates the schema if it is missing, where the database has schemas apart from databases. */
  void ensureSchema(Connection connection, String schema) throws SQLException;

  /** Applies timeouts and the search path to a connection that will run migrations. */
  void configureSession(Connection connection, SessionSettings settings) throws SQLException;

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
   * Creates an empty scratch space next to the live database, using the live database's
   * credentials: PostgreSQL a schema, MySQL a database, SQLite a temporary file.
   *
   * @param source opens connections to the live database
   * @param name a fresh name for the scratch schema or database
   */
  Scratch createScratch(ConnectionSource source, String name) throws SQLException;

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

package dev.retort.schema.apply;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.execute.SqlErrors;
import dev.retort.schema.op.Operations;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.render.DdlRenderers;
import dev.retort.schema.render.SqliteDdlRenderer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Applies schema operations to the database a connection is open on, as that database does them
 * best:
 *
 * <ul>
 *   <li>PostgreSQL and MySQL/MariaDB run each operation's DDL. On MySQL a column change restates
 *       the column as the database currently has it, with just the change applied, so MODIFY COLUMN
 *       cannot reset its default or comment.
 *   <li>SQLite runs ALTER TABLE where SQLite can, and otherwise rebuilds the table (new table,
 *       copy, drop, rename; sqlite.org/lang_altertable.html#otheralter). Consecutive operations on
 *       one table that need a rebuild share one: changing a type, adding NOT NULL and a CHECK
 *       copies the rows once. Index creation and removal on that table in between run after the
 *       rebuild. Comments, which SQLite does not keep, are skipped.
 * </ul>
 *
 * <p>Inside a transaction (autocommit off, as in a migration) the operations join it; on SQLite a
 * rebuild then needs {@code PRAGMA foreign_keys} OFF, which Retort's executor sees to. In
 * autocommit mode, on databases with transactional DDL, all operations run in one transaction of
 * their own, with foreign keys checked before the commit on SQLite: they apply entirely or not at
 * all. On MySQL/MariaDB each DDL statement commits by itself.
 */
public final class SchemaChanges {
  private final Connection connection;
  private final Dialect dialect;
  private final RetortListener listener;

  private SchemaChanges(Connection connection, Dialect dialect, RetortListener listener) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.listener = listener == null ? RetortListener.NONE : listener;
  }

  /** Changes for the database of this connection, recognised from its driver. */
  public static SchemaChanges on(Connection connection) {
    try {
      return on(connection, Dialects.forConnection(connection));
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot tell which database the connection is open on: " + SqlErrors.message(e),
          e);
    }
  }

  /** Changes for a connection whose dialect is known. */
  public static SchemaChanges on(Connection connection, Dialect dialect) {
    return new SchemaChanges(connection, dialect, RetortListener.NONE);
  }

  /**
   * Reports the row copy of each SQLite table rebuild to the listener's {@link
   * RetortListener#progress}, as {@code copying "table"}. Copies then run in chunks of 100,000
   * rows.
   */
  public SchemaChanges reportingTo(RetortListener progress) {
    return new SchemaChanges(connection, dialect, progress);
  }

  /** Applies what the builder holds, in order. */
  public List<Applied> apply(Operations operations) {
    return apply(operations.build());
  }

  /**
   * Applies the operations in order.
   *
   * @return how each operation (or group of operations, for a SQLite rebuild) was carried out
   * @throws RetortException with {@link ErrorCode#MIGRATION_FAILED} naming the operation and the
   *     database's error when one fails; {@link ErrorCode#USAGE} for an operation this database
   *     does not have (enum types outside PostgreSQL)
   */
  public List<Applied> apply(List<? extends SchemaOperation> operations) {
    try {
      if (connection.getAutoCommit() && dialect.transactionalDdl()) {
        return inTransaction(operations);
      }
      return run(operations);
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "schema changes failed on the connection itself: " + SqlErrors.message(e),
          e);
    }
  }

  private List<Applied> run(List<? extends SchemaOperation> operations) {
    if (dialect.name().equals("sqlite")) {
      SqliteDdlRenderer renderer = (SqliteDdlRenderer) DdlRenderers.forDialect(dialect);
      return new SqliteChanges(connection, renderer, listener).apply(operations);
    }
    return new NativeChanges(connection, dialect).apply(operations);
  }

  /** Runs the operations in one transaction, guarded as a migration's would be. */
  private List<Applied> inTransaction(List<? extends SchemaOperation> operations)
      throws SQLException {
    Dialect.TransactionGuard guard = dialect.guardTransaction(connection);
    boolean committed = false;
    try {
      connection.setAutoCommit(false);
      List<Applied> applied = run(operations);
      try {
        guard.beforeCommit(connection);
      } catch (SQLException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            "the schema changes were rolled back: " + SqlErrors.message(e),
            e);
      }
      connection.commit();
      committed = true;
      return applied;
    } finally {
      try {
        if (!committed) {
          connection.rollback();
        }
      } finally {
        connection.setAutoCommit(true);
        guard.restore(connection);
      }
    }
  }
}

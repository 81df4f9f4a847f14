package dev.retort.execute;

import java.sql.SQLException;

/** A database error as one line of a Retort message, with what to do when the cause is known. */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * The driver's message on one line (PostgreSQL adds Detail/Where lines), followed by a hint when
   * the statement gave up waiting for a lock another session holds, or the database refuses writes:
   * the bare driver text ("database is locked") does not say what the cause is or what to do.
   */
  public static String message(SQLException e) {
    String text = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    return text.strip() + (isLockWait(e) ? LOCK_HINT : isReadOnly(e) ? READ_ONLY_HINT : "");
  }

  static final String LOCK_HINT =
      "; another connection or process holds a lock on the database (an open transaction):"
          + " let it finish, or wait longer with --ddl-lock-timeout";

  static final String READ_ONLY_HINT =
      "; this connection cannot write (a read-only URL such as mode=ro, a file or folder this"
          + " user cannot write, or a replica): point url at a writable database";

  /**
   * SQLite SQLITE_READONLY (8), PostgreSQL read_only_sql_transaction (25006, e.g. a hot standby),
   * MySQL/MariaDB ER_OPTION_PREVENTS_STATEMENT (1290, --read-only) and ER_CANT_EXECUTE_IN_READ_ONLY
   * _TRANSACTION (1792).
   */
  private static boolean isReadOnly(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.startsWith("[SQLITE_READONLY]")
        || "25006".equals(e.getSQLState())
        || e.getErrorCode() == 1290
        || e.getErrorCode() == 1792;
  }

  /**
   * SQLite SQLITE_BUSY (5) / SQLITE_LOCKED (6), PostgreSQL lock_not_available (55P03, raised by
   * lock_timeout), MySQL/MariaDB ER_LOCK_WAIT_TIMEOUT (1205).
   */
  private static boolean isLockWait(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.startsWith("[SQLITE_BUSY]")
        || message.startsWith("[SQLITE_LOCKED]")
        || "55P03".equals(e.getSQLState())
        || e.getErrorCode() == 1205;
  }
}

package dev.retort.execute;

import java.sql.SQLException;

/** A database error as one line of a Retort message, with what to do when the cause is known. */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * The driver's message on one line (PostgreSQL adds Detail/Where lines), followed by a hint when
   * the statement gave up waiting for a lock another session holds: the bare driver text ("database
   * is locked") does not say that someone else is the cause.
   */
  public static String message(SQLException e) {
    String text = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    return text.strip() + (isLockWait(e) ? LOCK_HINT : "");
  }

  static final String LOCK_HINT =
      "; another connection or process holds a lock on the database (an open transaction):"
          + " let it finish, or wait longer with --ddl-lock-timeout";

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

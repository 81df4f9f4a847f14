package dev.retort.execute;

import dev.retort.dialect.split.SqlStatement;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A migration's last statement, its history row and its COMMIT sent as one JDBC batch, which
 * PostgreSQL's driver sends in one round trip: a migration of two statements then costs two round
 * trips instead of four. Until the batch every statement runs on its own, as before, so a failure
 * there names its statement exactly. The server runs the entries in order and, after an error, runs
 * none of the rest, so the history row and the commit never follow a failed statement.
 *
 * <p>A failed batch has to say where it failed, and the driver reports no usable update counts. It
 * names the failed entry in its message, and Retort's own two entries begin with a marker comment
 * to be recognised by. Where the driver names no entry ({@code logServerErrorDetail=false}), the
 * error says it may be any of them; only a connection that no longer answers leaves the commit's
 * outcome unknown.
 *
 * <p>Only a last statement that returns no rows rides along, as a precaution (a batch is for update
 * counts, and a driver may refuse rows): one whose first word is on a short list of such commands
 * and that has no RETURNING anywhere; any other runs alone, as before.
 */
final class FinalBatch {
  /** Where a failed batch failed. */
  enum Where {
    /** The migration's own statement: nothing after it ran. */
    STATEMENT,
    /** The history write: the migration's statements ran, the transaction is aborted. */
    HISTORY,
    /**
     * One of the entries, the driver did not say which (its option {@code
     * logServerErrorDetail=false} leaves the entry out, and a statement it rewrote is not found by
     * its text); the connection still answers, so nothing of the migration stays.
     */
    UNPLACED,
    /**
     * The commit, or the connection went away with the commit on its way, so it may have happened:
     * {@link CommitGroup#commitSent} reports it as a commit failure.
     */
    COMMIT
  }

  /** A failed batch: where, and the database's own error (not the driver's batch wrapper). */
  record Failure(Where where, SQLException cause) {}

  private static final Pattern ROWLESS =
      Pattern.compile(
          "(?:CREATE|ALTER|DROP|COMMENT|GRANT|REVOKE|INSERT|UPDATE|DELETE|TRUNCATE|DO)\\b.*",
          Pattern.DOTALL);

  private static final Pattern RETURNING =
      Pattern.compile("\\breturning\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Leading comments, random per engine so that no statement of a user's contains them, and first
   * so that server views that cut long queries short still show them.
   */
  private final String historyMark;

  private final String commitMark;

  FinalBatch() {
    String nonce = nonce();
    historyMark = "/* retort " + nonce + " history */";
    commitMark = "/* retort " + nonce + " commit */";
  }

  /** A random word for marker comments, which no statement of a user's contains. */
  static String nonce() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether a migration's statements can end in a batch: see the class comment. */
  static boolean canCarry(List<SqlStatement> statements) {
    if (statements.isEmpty()) {
      return false;
    }
    return rowless(statements.get(statements.size() - 1).sql());
  }

  /**
   * Whether a statement surely returns no rows, and so may go in a batch: its first word is on a
   * short list of such commands and it has no RETURNING anywhere.
   */
  static boolean rowless(String sql) {
    String text = TransactionControl.withoutLeadingComments(sql).toUpperCase(Locale.ROOT);
    return ROWLESS.matcher(text).matches() && !RETURNING.matcher(sql).find();
  }

  /**
   * Sends {@code statement}, then {@code historyWrite}, then, with {@code commit}, COMMIT.
   *
   * @return null when all of it succeeded, else where it failed
   */
  Failure send(Connection connection, String statement, String historyWrite, boolean commit) {
    try (Statement st = connection.createStatement()) {
      st.addBatch(statement);
      st.addBatch(historyMark + " " + historyWrite);
      if (commit) {
        st.addBatch(commitMark + " COMMIT");
      }
      st.executeBatch();
      return null;
    } catch (SQLException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      return new Failure(where(connection, e, cause, statement, commit), cause);
    }
  }

  private Where where(
      Connection connection, SQLException e, SQLException cause, String statement, boolean commit) {
    String text = String.valueOf(e.getMessage());
    if (commit && (lost(e) || lost(cause))) {
      // The answer never came: the server may have run everything, whichever entry the driver
      // was waiting for.
      return Where.COMMIT;
    } else if (text.contains(commitMark)) {
      return Where.COMMIT;
    } else if (text.contains(historyMark)) {
      return Where.HISTORY;
    } else if (text.contains(statement)) {
      return Where.STATEMENT;
    } else if (commit && !valid(connection)) {
      // No entry named, and the connection died with the commit sent: it may have gone through.
      return Where.COMMIT;
    }
    // No entry named, on a live connection: whichever entry failed, nothing of the migration
    // stays (a failed commit rolls back, and so does the aborted transaction).
    return Where.UNPLACED;
  }

  /** Whether the connection still answers (in an aborted transaction too). */
  private static boolean valid(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** A broken connection (SQL state class 08): the server's answer never came. */
  private static boolean lost(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }
}

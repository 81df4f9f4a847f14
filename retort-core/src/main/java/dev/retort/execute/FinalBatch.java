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
 * to be recognised by; where the driver names no entry ({@code logServerErrorDetail=false}), the
 * connection itself tells whether the commit ran.
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
    /** The statement or the history write, the driver did not say which; nothing after it ran. */
    STATEMENT_OR_HISTORY,
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

  /** PostgreSQL's in_failed_sql_transaction: a transaction that an error aborted is still open. */
  private static final String ABORTED = "25P02";

  /**
   * Leading comments, random per engine so that no statement of a user's contains them, and first
   * so that server views that cut long queries short still show them.
   */
  private final String historyMark;

  private final String commitMark;

  FinalBatch() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    String nonce = HexFormat.of().formatHex(bytes);
    historyMark = "/* retort " + nonce + " history */";
    commitMark = "/* retort " + nonce + " commit */";
  }

  /** Whether a migration's statements can end in a batch: see the class comment. */
  static boolean canCarry(List<SqlStatement> statements) {
    if (statements.isEmpty()) {
      return false;
    }
    String sql = statements.get(statements.size() - 1).sql();
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
    } else if (commit && !abortedTransactionOpen(connection)) {
      return Where.COMMIT;
    }
    return Where.STATEMENT_OR_HISTORY;
  }

  /**
   * Whether the batch's transaction is still open, aborted by its error: then its COMMIT never ran.
   * After a COMMIT that ran and failed, the probe runs (and Retort's rollback then ends the
   * transaction the probe began); on a connection that is gone it fails otherwise.
   */
  private static boolean abortedTransactionOpen(Connection connection) {
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT 1");
      return false;
    } catch (SQLException probe) {
      return ABORTED.equals(probe.getSQLState());
    }
  }

  /** A broken connection (SQL state class 08): the server's answer never came. */
  private static boolean lost(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }
}

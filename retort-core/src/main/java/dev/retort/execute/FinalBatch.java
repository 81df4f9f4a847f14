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
 * there names its statement exactly; a failure inside the batch is placed by the marker comment
 * that Retort's own two entries carry, since the driver quotes the failed entry in its message (and
 * reports no usable update counts). The server runs the entries in order and skips the rest after
 * an error, so the history row and the commit never follow a failed statement.
 *
 * <p>Only a last statement that returns no rows rides along (a batch has no result sets): one whose
 * first word is on a short list of such commands and that has no RETURNING anywhere; any other runs
 * alone, as before.
 */
final class FinalBatch {
  /** Where a failed batch failed. */
  enum Where {
    /** The migration's own statement: nothing after it ran. */
    STATEMENT,
    /** The history write: the migration's statements ran, the transaction is aborted. */
    HISTORY,
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

  /** Random per engine, so that no statement of a user's can contain it. */
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
      st.addBatch(historyWrite + " " + historyMark);
      if (commit) {
        st.addBatch("COMMIT " + commitMark);
      }
      st.executeBatch();
      return null;
    } catch (SQLException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      String text = String.valueOf(e.getMessage());
      Where where;
      if (commit && (lost(e) || lost(cause) || text.contains(commitMark))) {
        where = Where.COMMIT;
      } else if (text.contains(historyMark)) {
        where = Where.HISTORY;
      } else {
        where = Where.STATEMENT;
      }
      return new Failure(where, cause);
    }
  }

  /** A broken connection (SQL state class 08): the server's answer never came. */
  private static boolean lost(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }
}

package dev.retort.execute;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises statements that begin or end a transaction. Inside a migration that Retort runs in a
 * transaction they break its atomicity: PostgreSQL commits the first half at the script's COMMIT
 * and runs the rest (and the history row) in autocommit, SQLite's JDBC driver then fails to end a
 * transaction that is no longer there.
 *
 * <p>Only whole statements count: {@code ROLLBACK TO SAVEPOINT} stays inside the transaction, and a
 * PostgreSQL {@code BEGIN ATOMIC ... END} body or a MySQL {@code BEGIN ... END} compound block is
 * kept whole inside its CREATE statement by the splitters (and a block used as a statement of its
 * own, MariaDB's {@code BEGIN NOT ATOMIC}, contains semicolons, which a transaction verb never
 * does).
 */
final class TransactionControl {
  private static final String CHAIN = "(?: AND(?: NO)? CHAIN)?(?:(?: NO)? RELEASE)?";

  private static final Pattern CONTROL =
      Pattern.compile(
          "BEGIN(?: (?:TRANSACTION|WORK|DEFERRED|IMMEDIATE|EXCLUSIVE|ISOLATION|READ)\\b.*)?"
              + "|START TRANSACTION\\b.*"
              + "|(?:COMMIT|END|ROLLBACK|ABORT)(?: (?:WORK|TRANSACTION))?"
              + CHAIN);

  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);

  private TransactionControl() {}

  /** The statement from its first word on. */
  static String withoutLeadingComments(String sql) {
    return LEADING_COMMENTS.matcher(sql).replaceFirst("");
  }

  /**
   * The statement's verb ({@code COMMIT}, {@code BEGIN}, ...) when it is transaction control, else
   * null.
   */
  static String verb(String sql) {
    String text = withoutLeadingComments(sql);
    if (text.indexOf(';') >= 0) {
      return null;
    }
    String normal = text.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    if (!CONTROL.matcher(normal).matches()) {
      return null;
    }
    return normal.startsWith("START") ? "START TRANSACTION" : normal.split(" ", 2)[0];
  }
}

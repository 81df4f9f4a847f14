package dev.retort.source;

/**
 * The SQL of one part (up or down) of a migration file.
 *
 * @param sql the text between the part's marker and the next marker
 * @param firstLine the 1-based line of the file where {@code sql} begins, so that statement errors
 *     can name the file's line, not the part's
 */
public record Script(String sql, int firstLine) {
  /**
   * True when the part holds no statement, only blanks and comments or nothing at all. Skips {@code
   * --} line comments and block comments, which every supported database reads the same way up to
   * its first statement; anything else counts as a statement, so a doubtful part is never taken for
   * an empty one.
   */
  public boolean isBlank() {
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else {
        return false;
      }
    }
    return true;
  }
}

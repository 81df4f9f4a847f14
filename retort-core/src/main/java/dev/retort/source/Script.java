package dev.retort.source;

/**
 * The SQL of one part (up or down) of a migration file.
 *
 * @param sql the text between the part's marker and the next marker
 * @param firstLine the 1-based line of the file where {@code sql} begins, so that statement errors
 *     can name the file's line, not the part's
 */
public record Script(String sql, int firstLine) {
  /** True when the part holds no statement, only blanks and comments or nothing at all. */
  public boolean isBlank() {
    return sql.isBlank();
  }
}

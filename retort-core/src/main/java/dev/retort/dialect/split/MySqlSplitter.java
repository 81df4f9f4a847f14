package dev.retort.dialect.split;

import java.util.List;

/**
 * Splits MySQL and MariaDB scripts as the mysql client does: {@code #}, {@code -- } and block
 * comments, '...' and "..." strings with backslash escapes, `...` identifiers, {@code /*!...}
 * executable comments kept as SQL, and the DELIMITER command. Routines written without DELIMITER
 * are kept whole where their BEGIN ... END structure is unambiguous.
 */
public final class MySqlSplitter implements SqlSplitter {
  @Override
  public List<SqlStatement> split(String script) {
    return new MySqlScanner(script).split();
  }
}

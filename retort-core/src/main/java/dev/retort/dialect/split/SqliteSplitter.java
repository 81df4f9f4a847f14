package dev.retort.dialect.split;

import java.util.List;

/**
 * Splits SQLite scripts as the sqlite3 shell does: line and block comments, '...' strings, "...",
 * [...] and `...` identifiers, and {@code CREATE TRIGGER ... BEGIN ... END;} bodies kept whole.
 */
public final class SqliteSplitter implements SqlSplitter {
  @Override
  public List<SqlStatement> split(String script) {
    return new SqliteScanner(script).split();
  }
}

package dev.retort.schema.introspect;

import dev.retort.schema.introspect.SqliteTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The key texts and WHERE predicate of a SQLite CREATE INDEX statement; the pragmas give column
 * keys and their order but not the text of expression keys or of a partial index's predicate.
 */
final class SqliteIndexSql {
  final List<String> keys = new ArrayList<>();
  String where;

  private SqliteIndexSql() {}

  static SqliteIndexSql parse(String sql) {
    SqliteIndexSql index = new SqliteIndexSql();
    if (sql == null) {
      return index;
    }
    List<Token> tokens = SqliteTokens.tokenize(sql);
    int open = 0;
    while (open < tokens.size() && !tokens.get(open).isPunct('(')) {
      open++;
    }
    if (open == tokens.size()) {
      return index;
    }
    for (int[] item : SqliteTokens.items(tokens, open)) {
      int end = item[1];
      // Strip a trailing ASC/DESC and COLLATE name: the pragmas report those.
      if (end - 1 > item[0] && (tokens.get(end - 1).is("ASC") || tokens.get(end - 1).is("DESC"))) {
        end--;
      }
      if (end - 2 > item[0] && tokens.get(end - 2).is("COLLATE")) {
        end -= 2;
      }
      index.keys.add(sql.substring(tokens.get(item[0]).start(), tokens.get(end - 1).end()));
    }
    int close = SqliteTokens.matching(tokens, open);
    if (close + 1 < tokens.size() && tokens.get(close + 1).is("WHERE")) {
      index.where = sql.substring(tokens.get(close + 1).end()).trim();
      if (index.where.endsWith(";")) {
        index.where = index.where.substring(0, index.where.length() - 1).trim();
      }
    }
    return index;
  }
}

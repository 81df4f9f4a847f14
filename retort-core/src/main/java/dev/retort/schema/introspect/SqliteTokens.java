package dev.retort.schema.introspect;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer for the CREATE statements SQLite keeps in sqlite_schema. SQLite stores them as
 * written, and some facts (CHECK constraints, collations, generated expressions, AUTOINCREMENT,
 * constraint names, index expressions) are nowhere else, so they are read back from this text.
 */
final class SqliteTokens {
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    PUNCT
  }

  record Token(Kind kind, String text, int start, int end) {
    /** Whether this is the bare keyword, compared case-insensitively. */
    boolean is(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isPunct(char c) {
      return kind == Kind.PUNCT && text.charAt(0) == c;
    }

    /** The identifier this token names, unquoted. */
    String identifier() {
      if (kind != Kind.QUOTED) {
        return text;
      }
      char open = text.charAt(0);
      String inner = text.substring(1, text.length() - 1);
      if (open == '[') {
        return inner;
      }
      String quote = String.valueOf(open);
      return inner.replace(quote + quote, quote);
    }
  }

  private SqliteTokens() {}

  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(sql, i, c);
        tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, sql.substring(i, end), i, end));
        i = end;
      } else if (c == '[') {
        int close = sql.indexOf(']', i);
        int end = close < 0 ? n : close + 1;
        tokens.add(new Token(Kind.QUOTED, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127) {
        int start = i;
        while (i < n) {
          char d = sql.charAt(i);
          if (!(Character.isLetterOrDigit(d) || d == '_' || d == '$' || d > 127)) {
            break;
          }
          i++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
      } else {
        tokens.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  private static int closingQuote(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The index of the parenthesis that closes the one at {@code open}. */
  static int matching(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isPunct('(')) {
        depth++;
      } else if (tokens.get(i).isPunct(')')) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return tokens.size() - 1;
  }

  /**
   * The items of the parenthesised list opening at {@code open}, split at top-level commas; each
   * item is a [from, to) range of token indexes.
   */
  static List<int[]> items(List<Token> tokens, int open) {
    List<int[]> items = new ArrayList<>();
    int close = matching(tokens, open);
    int start = open + 1;
    int depth = 0;
    for (int i = open + 1; i < close; i++) {
      Token t = tokens.get(i);
      if (t.isPunct('(')) {
        depth++;
      } else if (t.isPunct(')')) {
        depth--;
      } else if (t.isPunct(',') && depth == 0) {
        items.add(new int[] {start, i});
        start = i + 1;
      }
    }
    if (start < close) {
      items.add(new int[] {start, close});
    }
    return items;
  }

  /** The source text strictly inside the parentheses opening at {@code open}, trimmed. */
  static String inside(String sql, List<Token> tokens, int open) {
    int close = matching(tokens, open);
    return sql.substring(tokens.get(open).end(), tokens.get(close).start()).trim();
  }

  /** The identifiers of a parenthesised column list, e.g. {@code ([a], "b" DESC)}: a, b. */
  static List<String> identifierList(List<Token> tokens, int open) {
    List<String> names = new ArrayList<>();
    for (int[] item : items(tokens, open)) {
      names.add(tokens.get(item[0]).identifier());
    }
    return names;
  }
}

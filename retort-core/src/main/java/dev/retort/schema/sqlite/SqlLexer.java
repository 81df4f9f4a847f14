package dev.retort.schema.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQLite DDL text into tokens that keep their exact source text, so that parts of a
 * statement can be re-emitted verbatim. Only what schema surgery needs is distinguished: names
 * (bare or quoted with {@code ""}, {@code []} or {@code ``}), string literals, punctuation, and
 * trivia (whitespace and comments, which never end up inside another token).
 */
final class SqlLexer {
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    PUNCT,
    SPACE,
    COMMENT
  }

  record Token(Kind kind, int start, int end, String text) {
    boolean trivia() {
      return kind == Kind.SPACE || kind == Kind.COMMENT;
    }

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean is(char punct) {
      return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == punct;
    }

    /** A token that can name a table, column or constraint. */
    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED || kind == Kind.STRING;
    }

    /** The name this token spells, with quoting removed. */
    String name() {
      switch (kind) {
        case QUOTED:
        case STRING:
          char open = text.charAt(0);
          String inner = text.substring(1, text.length() - 1);
          if (open == '[') {
            return inner;
          }
          String close = open == '`' ? "`" : String.valueOf(open);
          return inner.replace(close + close, close);
        default:
          return text;
      }
    }

    /** An upper-case keyword for a bare word, or null. */
    String keyword() {
      return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : null;
    }

    boolean lineComment() {
      return kind == Kind.COMMENT && text.startsWith("--");
    }

    boolean hasNewline() {
      return text.indexOf('\n') >= 0;
    }
  }

  private SqlLexer() {}

  /**
   * Tokenizes {@code sql}; the concatenated texts of the tokens are exactly {@code sql}.
   *
   * @throws IllegalArgumentException for an unterminated string, quoted name or block comment
   */
  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        kind = Kind.SPACE;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        kind = Kind.COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated /* comment at offset " + start);
        }
        i = close + 2;
        kind = Kind.COMMENT;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = quotedEnd(sql, i, c);
        kind = c == '\'' ? Kind.STRING : Kind.QUOTED;
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated [name at offset " + start);
        }
        i = close + 1;
        kind = Kind.QUOTED;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        kind = Kind.NUMBER;
      } else if (wordChar(c)) {
        while (i < n && (wordChar(sql.charAt(i)) || Character.isDigit(sql.charAt(i)))) {
          i++;
        }
        kind = Kind.WORD;
      } else {
        i++;
        kind = Kind.PUNCT;
      }
      tokens.add(new Token(kind, start, i, sql.substring(start, i)));
    }
    return tokens;
  }

  private static boolean wordChar(char c) {
    return c == '_' || c == '$' || (c < 128 ? Character.isLetter(c) : !Character.isWhitespace(c));
  }

  private static int quotedEnd(String sql, int open, char quote) {
    int i = open + 1;
    while (true) {
      int close = sql.indexOf(quote, i);
      if (close < 0) {
        throw new IllegalArgumentException(
            "unterminated " + quote + " quote starting at offset " + open);
      }
      if (close + 1 < sql.length() && sql.charAt(close + 1) == quote) {
        i = close + 2;
      } else {
        return close + 1;
      }
    }
  }

  /** Quotes an identifier for SQLite, doubling embedded double quotes. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A SQL string literal. */
  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** Indexes of the non-trivia tokens, for parsers that look past whitespace and comments. */
  static List<Integer> significant(List<Token> tokens) {
    List<Integer> result = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).trivia()) {
        result.add(i);
      }
    }
    return result;
  }

  /** True when the text, made only of trivia, ends inside a {@code --} comment. */
  static boolean endsInLineComment(String trivia) {
    if (trivia.isEmpty()) {
      return false;
    }
    List<Token> tokens = tokenize(trivia);
    return tokens.get(tokens.size() - 1).lineComment();
  }
}

package dev.retort.dialect.split;

import java.util.Arrays;

/**
 * PostgreSQL's tokens, and where psql lets a semicolon end a statement. Like psql's lexer
 * (psqlscan.l) it does not end a statement inside parentheses (rules with several actions) or
 * inside the {@code BEGIN ATOMIC ... END} body of a SQL-standard function (PostgreSQL 14+), found
 * by the same heuristic: in {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, outside parentheses,
 * BEGIN opens, CASE opens once inside, END closes.
 */
final class PostgresScanner extends Scanner {
  private static final String[] HEAD_WORDS = {"CREATE", "OR", "REPLACE", "FUNCTION", "PROCEDURE"};

  private int parens;
  private int begins;
  private final char[] heads = new char[4];
  private int words;
  private boolean copy;
  private boolean afterFrom;
  private boolean afterTo;

  PostgresScanner(String script) {
    // standard_conforming_strings is on by default since 9.1: no backslash escapes in '...'.
    super(script, false);
  }

  @Override
  Token lexDialect(char c) {
    switch (c) {
      case '/':
        return peek(1) == '*' ? blockComment(true) : null;
      case 'E':
      case 'e':
        if (peek(1) == '\'') {
          pos++;
          return quoted('\'', true, "escape string literal");
        }
        return null;
      case '$':
        return dollar();
      case '\\':
        // A backslash outside quotes is never SQL; psql reads it as a meta-command anywhere.
        throw new SqlSplitException(
            line,
            "psql meta-command "
                + metaCommand()
                + " is not SQL and must be removed: Retort runs statements over JDBC, not"
                + " through psql");
      default:
        return null;
    }
  }

  /**
   * A dollar-quoted string {@code $tag$ ... $tag$} (the tag may be empty), or a positional
   * parameter such as {@code $1}: a tag cannot start with a digit.
   */
  private Token dollar() {
    int i = pos + 1;
    if (i < text.length() && isWordStart(text.charAt(i))) {
      while (i < text.length() && isTagPart(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && text.charAt(i) == '$') {
      String tag = text.substring(pos, i + 1);
      int close = text.indexOf(tag, i + 1);
      if (close < 0) {
        throw unterminated(line, "dollar-quoted string", tag);
      }
      skipTo(close + tag.length());
      return Token.QUOTED;
    }
    pos++;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return Token.NUMBER;
  }

  private static boolean isTagPart(char c) {
    return isWordStart(c) || (c >= '0' && c <= '9');
  }

  private String metaCommand() {
    int e = pos + 1;
    while (e < text.length() && e - pos < 40 && !isSpace(text.charAt(e))) {
      e++;
    }
    return text.substring(pos, e);
  }

  @Override
  void onToken(Token token, int index) {
    if (token == Token.SYMBOL) {
      if (first() == '(') {
        parens++;
      } else if (first() == ')' && parens > 0) {
        parens--;
      }
      return;
    }
    if (token != Token.WORD) {
      return;
    }
    trackRoutine();
    trackCopy(index);
    words++;
  }

  /**
   * psql's test, on the initials of the first four words: CREATE, then FUNCTION or PROCEDURE, or OR
   * REPLACE and one of them.
   */
  private void trackRoutine() {
    if (words < heads.length) {
      heads[words] = initial();
    }
    boolean routine =
        heads[0] == 'c'
            && (heads[1] == 'f'
                || heads[1] == 'p'
                || (heads[1] == 'o' && heads[2] == 'r' && (heads[3] == 'f' || heads[3] == 'p')));
    if (!routine || parens > 0) {
      return;
    }
    if (isWord("BEGIN")) {
      begins++;
    } else if (isWord("CASE")) {
      if (begins > 0) {
        begins++;
      }
    } else if (isWord("END") && begins > 0) {
      begins--;
    }
  }

  private char initial() {
    for (String word : HEAD_WORDS) {
      if (isWord(word)) {
        return Character.toLowerCase(word.charAt(0));
      }
    }
    return 0;
  }

  private void trackCopy(int index) {
    if (index == 0) {
      copy = isWord("COPY");
    } else if (copy && afterFrom && isWord("STDIN")) {
      throw new SqlSplitException(
          statementLine(),
          "COPY ... FROM stdin needs psql to send the data and cannot run over JDBC; use INSERT"
              + " statements or a Java migration");
    } else if (copy && afterTo && isWord("STDOUT")) {
      throw new SqlSplitException(
          statementLine(),
          "COPY ... TO stdout needs psql to receive the data and cannot run over JDBC; remove it"
              + " or use a SELECT");
    }
    afterFrom = isWord("FROM");
    afterTo = isWord("TO");
  }

  @Override
  boolean delimiterEnds() {
    return parens == 0 && begins == 0;
  }

  @Override
  void onStatementEnd() {
    parens = 0;
    begins = 0;
    words = 0;
    Arrays.fill(heads, (char) 0);
    afterFrom = false;
    afterTo = false;
    copy = false;
  }

  @Override
  void onScriptEnd() {
    if (begins > 0) {
      throw new SqlSplitException(
          statementLine(),
          "BEGIN ATOMIC body of the routine starting here has no matching END; add it");
    }
  }
}

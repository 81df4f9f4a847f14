package dev.retort.dialect.split;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass over a script: a small hand-written lexer that knows where strings, quoted
 * identifiers and comments begin and end, and the loop that cuts statements at delimiters found
 * outside them. Each dialect adds its own tokens and decides whether a delimiter ends the statement
 * (it does not inside a trigger or routine body). Not thread-safe: one instance per split.
 */
abstract class Scanner {
  /** What a token is, as far as splitting cares. */
  enum Token {
    SPACE,
    COMMENT,
    WORD,
    NUMBER,
    QUOTED,
    SYMBOL,
    DELIMITER
  }

  final String text;
  private final int length;

  /** Whether a backslash escapes the next character inside '...' and "..." (MySQL's default). */
  private final boolean backslashInQuotes;

  /** The statement delimiter; only MySQL's DELIMITER command changes it. */
  String delimiter = ";";

  int pos;
  int line = 1;

  /** The current token: its kind, text range and the line it starts on. */
  Token kind;

  int start;
  int end;
  int tokenLine;

  /** True while only whitespace has been seen since the last line break. */
  private boolean lineBlank = true;

  private int statementStart = -1;
  private int statementEnd;
  private int statementLine;
  private int tokenIndex;
  private final List<SqlStatement> statements = new ArrayList<>();

  Scanner(String script, boolean backslashInQuotes) {
    this.text = script;
    this.length = script.length();
    this.backslashInQuotes = backslashInQuotes;
  }

  /** Lexes a token special to the dialect at {@link #pos}, or returns null to lex the usual way. */
  abstract Token lexDialect(char c);

  /**
   * Sees each token of a statement that is not whitespace or a comment, in order; {@code index} is
   * 0 for the statement's first token. Delimiters the dialect keeps inside the statement come here
   * too, as {@link Token#DELIMITER}.
   */
  abstract void onToken(Token token, int index);

  /** Whether a delimiter found now ends the statement (false inside a trigger or routine body). */
  abstract boolean delimiterEnds();

  /** Forgets per-statement state once a statement is complete. */
  abstract void onStatementEnd();

  /** Checks a statement left open at the end of the script; throws if it cannot be complete. */
  abstract void onScriptEnd();

  final List<SqlStatement> split() {
    while (pos < length) {
      Token token = next();
      switch (token) {
        case SPACE, COMMENT -> {}
        case DELIMITER -> {
          if (statementStart >= 0) {
            if (delimiterEnds()) {
              finishStatement();
            } else {
              keep(token);
            }
          }
        }
        default -> keep(token);
      }
    }
    if (statementStart >= 0) {
      onScriptEnd();
      finishStatement();
    }
    return List.copyOf(statements);
  }

  private void keep(Token token) {
    if (statementStart < 0) {
      statementStart = start;
      statementLine = tokenLine;
      tokenIndex = 0;
    }
    onToken(token, tokenIndex++);
    statementEnd = end;
  }

  private void finishStatement() {
    statements.add(new SqlStatement(text.substring(statementStart, statementEnd), statementLine));
    statementStart = -1;
    onStatementEnd();
  }

  private Token next() {
    start = pos;
    tokenLine = line;
    char c = text.charAt(pos);
    Token token;
    if (isSpace(c)) {
      token = space();
    } else if (c == delimiter.charAt(0) && text.startsWith(delimiter, pos)) {
      pos += delimiter.length();
      token = Token.DELIMITER;
    } else {
      token = lexDialect(c);
      if (token == null) {
        token = lexCommon(c);
      }
    }
    end = pos;
    kind = token;
    if (token != Token.SPACE) {
      lineBlank = false;
    } else if (line > tokenLine) {
      lineBlank = true;
    }
    return token;
  }

  private Token lexCommon(char c) {
    if (c == '-' && peek(1) == '-') {
      return lineComment();
    }
    if (c == '/' && peek(1) == '*') {
      return blockComment(false);
    }
    if (c == '\'') {
      return quoted('\'', backslashInQuotes, "string literal");
    }
    if (c == '"') {
      return quoted(
          '"', backslashInQuotes, backslashInQuotes ? "string literal" : "quoted identifier");
    }
    if (isWordStart(c)) {
      return word();
    }
    if (c >= '0' && c <= '9') {
      pos++;
      while (pos < length && isNumberPart(text.charAt(pos)) && !atDelimiter(pos)) {
        pos++;
      }
      return Token.NUMBER;
    }
    pos++;
    return Token.SYMBOL;
  }

  private Token space() {
    while (pos < length && isSpace(text.charAt(pos))) {
      if (text.charAt(pos) == '\n') {
        line++;
      }
      pos++;
    }
    return Token.SPACE;
  }

  private Token word() {
    pos++;
    while (pos < length && isWordPart(text.charAt(pos)) && !atDelimiter(pos)) {
      pos++;
    }
    return Token.WORD;
  }

  /** A comment from {@link #pos} to the end of the line, the line break excluded. */
  final Token lineComment() {
    while (pos < length && text.charAt(pos) != '\n') {
      pos++;
    }
    return Token.COMMENT;
  }

  /**
   * A comment from the {@code /*} at {@link #pos} to its close; PostgreSQL (and the SQL standard)
   * nest them, SQLite and MySQL end at the first close.
   */
  final Token blockComment(boolean nested) {
    int startLine = line;
    int depth = 0;
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '/' && peek(1) == '*') {
        if (nested || depth == 0) {
          depth++;
        }
        pos += 2;
      } else if (c == '*' && peek(1) == '/') {
        pos += 2;
        if (--depth == 0) {
          return Token.COMMENT;
        }
      } else {
        if (c == '\n') {
          line++;
        }
        pos++;
      }
    }
    throw unterminated(startLine, "block comment", "*/");
  }

  /**
   * A quoted string or identifier from the quote at {@link #pos}: a doubled quote stands for itself
   * and, where {@code backslash} is true, a backslash escapes the next character.
   */
  final Token quoted(char quote, boolean backslash, String what) {
    int startLine = line;
    for (int i = pos + 1; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '\\' && backslash) {
        i++;
        if (i < length && text.charAt(i) == '\n') {
          line++;
        }
      } else if (c == quote) {
        if (i + 1 < length && text.charAt(i + 1) == quote) {
          i++;
        } else {
          pos = i + 1;
          return Token.QUOTED;
        }
      }
    }
    throw unterminated(startLine, what, String.valueOf(quote));
  }

  /** A token running from {@link #pos} to just after the next {@code close}, with no escapes. */
  final Token enclosed(String close, String what) {
    int startLine = line;
    int at = text.indexOf(close, pos + 1);
    if (at < 0) {
      throw unterminated(startLine, what, close);
    }
    skipTo(at + close.length());
    return Token.QUOTED;
  }

  /** Moves {@link #pos} forward to {@code target}, counting the line breaks passed over. */
  final void skipTo(int target) {
    for (int i = pos; i < target; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    pos = target;
  }

  static SqlSplitException unterminated(int line, String what, String close) {
    return new SqlSplitException(
        line, "unterminated " + what + " starting here; close it with " + close);
  }

  /** The character {@code offset} places after {@link #pos}, or NUL past the end. */
  final char peek(int offset) {
    int at = pos + offset;
    return at < length ? text.charAt(at) : '\0';
  }

  /** Whether the current token is the unquoted word {@code upper}, in any case. */
  final boolean isWord(String upper) {
    return kind == Token.WORD
        && end - start == upper.length()
        && text.regionMatches(true, start, upper, 0, upper.length());
  }

  /** The first character of the current token. */
  final char first() {
    return text.charAt(start);
  }

  /** Whether a statement has begun (a token other than whitespace or comment since the last). */
  final boolean pending() {
    return statementStart >= 0;
  }

  final int statementLine() {
    return statementLine;
  }

  /** Whether only whitespace precedes {@link #pos} on its line. */
  final boolean atLineStart() {
    return lineBlank;
  }

  private boolean atDelimiter(int at) {
    return text.charAt(at) == delimiter.charAt(0) && text.startsWith(delimiter, at);
  }

  /** Whitespace, other control characters and the byte order mark some editors write. */
  static boolean isSpace(char c) {
    return c <= ' ' || c == '\ufeff';
  }

  /** ASCII letters, underscore and any non-ASCII character, as the three databases allow. */
  static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c >= '\u0080' && c != '\ufeff');
  }

  /** Letters, digits, underscore and dollar: all three databases allow $ inside identifiers. */
  static boolean isWordPart(char c) {
    return isWordStart(c) || (c >= '0' && c <= '9') || c == '$';
  }

  private static boolean isNumberPart(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '.'
        || c == '_';
  }
}

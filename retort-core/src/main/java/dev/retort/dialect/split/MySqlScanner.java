package dev.retort.dialect.split;

/**
 * MySQL's and MariaDB's tokens, and the mysql client's DELIMITER command. With the default
 * delimiter, {@link MySqlBlocks} keeps a routine's BEGIN ... END body in one statement; with
 * another delimiter, only that delimiter ends a statement, as in the mysql client.
 */
final class MySqlScanner extends Scanner {
  private static final String DELIMITER_COMMAND = "DELIMITER";

  private final MySqlBlocks blocks = new MySqlBlocks(this);

  MySqlScanner(String script) {
    // Backslash escapes are on unless sql_mode has NO_BACKSLASH_ESCAPES; "..." is a string
    // unless sql_mode has ANSI_QUOTES. Scripts written for either mode still split the same way
    // unless a string ends in a backslash.
    super(script, true);
  }

  @Override
  Token lexDialect(char c) {
    switch (c) {
      case '#':
        return lineComment();
      case '-':
        if (peek(1) == '-') {
          // "--" starts a comment only before whitespace or a control character; 5--1 is 6.
          if (isSpace(peek(2))) {
            return lineComment();
          }
          pos++;
          return Token.SYMBOL;
        }
        return null;
      case '/':
        if (peek(1) == '*' && (peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!'))) {
          // Executable comments: /*!50003 ... */ (MySQL, MariaDB), /*M!100100 ... */ (MariaDB).
          return enclosed("*/", "/*! executable comment");
        }
        return null;
      case '`':
        return quoted('`', false, "quoted identifier");
      case 'd':
      case 'D':
        return isDelimiterCommand() ? delimiterCommand() : null;
      default:
        return null;
    }
  }

  /**
   * The mysql client takes DELIMITER as a command only as the first word of a line outside any
   * statement; inside one it is an ordinary word.
   */
  private boolean isDelimiterCommand() {
    int after = pos + DELIMITER_COMMAND.length();
    return !pending()
        && atLineStart()
        && text.regionMatches(true, pos, DELIMITER_COMMAND, 0, DELIMITER_COMMAND.length())
        && (after >= text.length() || isSpace(text.charAt(after)));
  }

  /** Reads {@code DELIMITER <string>} up to the end of its line, and switches delimiter. */
  private Token delimiterCommand() {
    int commandLine = line;
    int lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    int from = pos + DELIMITER_COMMAND.length();
    while (from < lineEnd && isSpace(text.charAt(from))) {
      from++;
    }
    int to = from;
    char quote = from < lineEnd ? text.charAt(from) : 0;
    if (quote == '\'' || quote == '"' || quote == '`') {
      int close = text.indexOf(quote, from + 1);
      if (close < 0 || close > lineEnd) {
        throw unterminated(commandLine, "DELIMITER string", String.valueOf(quote));
      }
      from++;
      to = close;
    } else {
      while (to < lineEnd && !isSpace(text.charAt(to))) {
        to++;
      }
    }
    String next = text.substring(from, to);
    if (next.isEmpty()) {
      throw new SqlSplitException(
          commandLine, "DELIMITER needs the new delimiter after it, e.g. DELIMITER //");
    }
    if (next.indexOf('\\') >= 0) {
      throw new SqlSplitException(
          commandLine, "DELIMITER " + next + " contains a backslash, which mysql refuses too");
    }
    delimiter = next;
    pos = lineEnd;
    return Token.COMMENT;
  }

  @Override
  void onToken(Token token, int index) {
    if (";".equals(delimiter)) {
      blocks.accept(token, index);
    }
  }

  @Override
  boolean delimiterEnds() {
    return !blocks.open();
  }

  @Override
  void onStatementEnd() {
    blocks.reset();
  }

  @Override
  void onScriptEnd() {
    if (blocks.open()) {
      throw new SqlSplitException(
          statementLine(),
          "BEGIN ... END block of the statement starting here is not closed at the end of the"
              + " script; add the missing END, or put DELIMITER // before the statement, end it"
              + " with // and restore the delimiter with DELIMITER ;");
    }
  }
}

package dev.retort.dialect.split;

/**
 * SQLite's tokens and its one multi-statement construct, the trigger body. A semicolon ends the
 * statement unless a {@code CREATE [TEMP] TRIGGER} body is open; the body closes at {@code END}
 * directly after a semicolon, which is how SQLite's own {@code sqlite3_complete()} decides. An
 * {@code END} that closes a {@code CASE} never follows a semicolon, so it does not close the body.
 */
final class SqliteScanner extends Scanner {
  private enum State {
    START,
    NORMAL,
    EXPLAIN,
    CREATE,
    TRIGGER,
    SEMI,
    END
  }

  private State state = State.START;

  SqliteScanner(String script) {
    super(script, false);
  }

  @Override
  Token lexDialect(char c) {
    switch (c) {
      case '[':
        return enclosed("]", "[bracketed] identifier");
      case '`':
        return quoted('`', false, "quoted identifier");
      case '.':
        if (!pending() && atLineStart()) {
          throw new SqlSplitException(
              line,
              "sqlite3 dot-command "
                  + commandWord()
                  + " is not SQL and must be removed: Retort runs statements over JDBC, not"
                  + " through the sqlite3 shell");
        }
        return null;
      default:
        return null;
    }
  }

  private String commandWord() {
    int e = pos + 1;
    while (e < text.length() && e - pos < 40 && !isSpace(text.charAt(e))) {
      e++;
    }
    return text.substring(pos, e);
  }

  @Override
  void onToken(Token token, int index) {
    boolean semicolon = token == Token.DELIMITER;
    state =
        switch (state) {
          case START ->
              isWord("EXPLAIN") ? State.EXPLAIN : isWord("CREATE") ? State.CREATE : State.NORMAL;
          case EXPLAIN -> isWord("CREATE") ? State.CREATE : State.NORMAL;
          case CREATE ->
              isWord("TEMP") || isWord("TEMPORARY")
                  ? State.CREATE
                  : isWord("TRIGGER") ? State.TRIGGER : State.NORMAL;
          case TRIGGER -> semicolon ? State.SEMI : State.TRIGGER;
          case SEMI -> semicolon ? State.SEMI : isWord("END") ? State.END : State.TRIGGER;
          case END -> semicolon ? State.SEMI : State.TRIGGER;
          case NORMAL -> State.NORMAL;
        };
  }

  @Override
  boolean delimiterEnds() {
    return state != State.TRIGGER && state != State.SEMI;
  }

  @Override
  void onStatementEnd() {
    state = State.START;
  }

  @Override
  void onScriptEnd() {
    if (state == State.TRIGGER || state == State.SEMI) {
      throw new SqlSplitException(
          statementLine(),
          "CREATE TRIGGER starting here has no END for its body; end the body with END;");
    }
  }
}

package dev.retort.dialect.split;

import dev.retort.dialect.split.Scanner.Token;
import java.util.ArrayDeque;

/**
 * Follows compound-statement nesting in a MySQL/MariaDB routine written without DELIMITER, so that
 * the semicolons of its body do not end it. The mysql client has no such rule (it needs DELIMITER),
 * but a migration file is not run by the mysql client; this is a kindness where the structure is
 * unambiguous.
 *
 * <p>It applies to {@code CREATE ... PROCEDURE|FUNCTION|TRIGGER|EVENT} and to MariaDB's {@code
 * BEGIN NOT ATOMIC} block, never to {@code BEGIN;} or {@code BEGIN WORK}, which start a
 * transaction. BEGIN and CASE open a block wherever they stand; IF, LOOP, WHILE, REPEAT and FOR
 * (MariaDB) open one only where a statement starts, because IF(...) and REPEAT(...) are also
 * functions. END closes a block, and the IF, CASE, LOOP, WHILE, REPEAT or FOR after it is part of
 * that END.
 */
final class MySqlBlocks {
  /** CREATE's object type comes within the first tokens, after OR REPLACE and DEFINER = ... */
  private static final int HEADER_TOKENS = 24;

  private static final String[] ROUTINES = {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"};
  private static final String[] NOT_ROUTINES = {
    "TABLE",
    "VIEW",
    "INDEX",
    "UNIQUE",
    "FULLTEXT",
    "SPATIAL",
    "DATABASE",
    "SCHEMA",
    "USER",
    "ROLE",
    "SERVER",
    "TABLESPACE",
    "SEQUENCE",
    "TEMPORARY",
    "LOGFILE",
    "RESOURCE"
  };
  private static final String[] END_SUFFIXES = {"IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR"};

  private enum Block {
    BEGIN,
    CASE_STATEMENT,
    CASE_EXPRESSION,
    IF,
    LOOP,
    WHILE,
    REPEAT,
    FOR
  }

  private enum Kind {
    UNDECIDED_CREATE,
    UNDECIDED_BEGIN,
    PLAIN,
    ROUTINE
  }

  private final Scanner scanner;
  private final ArrayDeque<Block> blocks = new ArrayDeque<>();
  private Kind kind;
  private boolean trigger;
  private boolean event;
  private boolean statementStart;
  private boolean afterEnd;
  private boolean label;
  private boolean afterEach;

  /** 1 just after BEGIN, 2 after BEGIN NOT: MariaDB's BEGIN NOT ATOMIC is still a block start. */
  private int notAtomic;

  MySqlBlocks(Scanner scanner) {
    this.scanner = scanner;
    reset();
  }

  void reset() {
    blocks.clear();
    kind = null;
    trigger = false;
    event = false;
    statementStart = false;
    afterEnd = false;
    label = false;
    afterEach = false;
    notAtomic = 0;
  }

  /** Whether a block is open, so that a semicolon does not end the statement. */
  boolean open() {
    return !blocks.isEmpty();
  }

  void accept(Token token, int index) {
    if (index == 0) {
      kind =
          scanner.isWord("CREATE")
              ? Kind.UNDECIDED_CREATE
              : scanner.isWord("BEGIN") ? Kind.UNDECIDED_BEGIN : Kind.PLAIN;
      return;
    }
    switch (kind) {
      case UNDECIDED_CREATE -> decideCreate(index);
      case UNDECIDED_BEGIN -> decideBegin();
      case ROUTINE -> track(token);
      case PLAIN -> {}
    }
  }

  private void decideCreate(int index) {
    if (anyWord(ROUTINES)) {
      kind = Kind.ROUTINE;
      trigger = scanner.isWord("TRIGGER");
      event = scanner.isWord("EVENT");
    } else if (anyWord(NOT_ROUTINES) || index > HEADER_TOKENS) {
      kind = Kind.PLAIN;
    }
  }

  /** BEGIN NOT ATOMIC opens an anonymous block (MariaDB); any other BEGIN is a transaction. */
  private void decideBegin() {
    if (scanner.isWord("NOT")) {
      kind = Kind.ROUTINE;
      blocks.push(Block.BEGIN);
      notAtomic = 2;
      statementStart = true;
    } else {
      kind = Kind.PLAIN;
    }
  }

  private void track(Token token) {
    boolean start = statementStart;
    boolean wasAfterEnd = afterEnd;
    boolean wasLabel = label;
    boolean wasAfterEach = afterEach;
    int notAtomicStep = notAtomic;
    statementStart = false;
    afterEnd = false;
    label = false;
    afterEach = false;
    notAtomic = 0;
    switch (token) {
      case WORD -> {
        if (notAtomicStep == 1 && scanner.isWord("NOT")) {
          notAtomic = 2;
          statementStart = true;
        } else if (notAtomicStep == 2 && scanner.isWord("ATOMIC")) {
          statementStart = true;
        } else if (!(wasAfterEnd && anyWord(END_SUFFIXES))) {
          word(start, wasAfterEach);
          label = start && !statementStart;
        }
      }
      case DELIMITER -> statementStart = !blocks.isEmpty();
      case SYMBOL -> statementStart = wasLabel && scanner.first() == ':';
      default -> {}
    }
  }

  private void word(boolean start, boolean wasAfterEach) {
    Block top = blocks.peek();
    if (scanner.isWord("BEGIN")) {
      blocks.push(Block.BEGIN);
      statementStart = true;
      notAtomic = 1;
    } else if (scanner.isWord("CASE")) {
      blocks.push(start ? Block.CASE_STATEMENT : Block.CASE_EXPRESSION);
    } else if (scanner.isWord("END")) {
      blocks.poll();
      afterEnd = true;
    } else if (start && scanner.isWord("IF")) {
      blocks.push(Block.IF);
    } else if (start && scanner.isWord("WHILE")) {
      blocks.push(Block.WHILE);
    } else if (start && scanner.isWord("FOR")) {
      blocks.push(Block.FOR);
    } else if (start && scanner.isWord("LOOP")) {
      blocks.push(Block.LOOP);
      statementStart = true;
    } else if (start && scanner.isWord("REPEAT")) {
      blocks.push(Block.REPEAT);
      statementStart = true;
    } else if (scanner.isWord("THEN") || scanner.isWord("ELSE")) {
      statementStart = top == Block.IF || top == Block.CASE_STATEMENT;
    } else if (scanner.isWord("DO")) {
      statementStart = top == Block.WHILE || top == Block.FOR || (top == null && event);
    } else if (scanner.isWord("EACH")) {
      afterEach = true;
    } else if (scanner.isWord("ROW")) {
      // FOR EACH ROW: a trigger body may be a single IF, CASE, LOOP ... statement.
      statementStart = wasAfterEach && top == null && trigger;
    }
  }

  private boolean anyWord(String[] words) {
    for (String word : words) {
      if (scanner.isWord(word)) {
        return true;
      }
    }
    return false;
  }
}

package dev.retort.schema.sqlite;

import dev.retort.schema.sqlite.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name (body) [options]} into the pieces
 * {@link SqliteTableDefinition} keeps (sqlite.org/lang_createtable.html). The body is cut at commas
 * outside parentheses; strings, quoted names and comments are single tokens, so commas and
 * parentheses inside them never count.
 */
final class DefinitionParser {
  private DefinitionParser() {}

  static SqliteTableDefinition parse(String sql) {
    List<Token> tokens = SqlLexer.tokenize(sql);
    List<Integer> sig = SqlLexer.significant(tokens);
    int s = 0;
    s = expect(tokens, sig, s, "CREATE");
    if (word(tokens, sig, s, "TEMP") || word(tokens, sig, s, "TEMPORARY")) {
      s++;
    }
    if (word(tokens, sig, s, "VIRTUAL")) {
      throw new IllegalArgumentException(
          "it is a virtual table; its module owns its storage, so it cannot be rebuilt");
    }
    s = expect(tokens, sig, s, "TABLE");
    if (word(tokens, sig, s, "IF")) {
      s = expect(tokens, sig, s + 1, "NOT");
      s = expect(tokens, sig, s, "EXISTS");
    }
    if (s >= sig.size() || !tokens.get(sig.get(s)).isName()) {
      throw new IllegalArgumentException("expected a table name");
    }
    int nameFirst = sig.get(s);
    if (s + 2 < sig.size() && tokens.get(sig.get(s + 1)).is('.')) {
      s += 2;
    }
    int nameLast = sig.get(s);
    String tableName = tokens.get(nameLast).name();
    s++;
    if (s >= sig.size() || !tokens.get(sig.get(s)).is('(')) {
      throw new IllegalArgumentException(
          "expected '(' and a column list after the table name (CREATE TABLE ... AS SELECT"
              + " is not supported)");
    }
    int open = sig.get(s);
    int close = ElementSyntax.matchingClose(tokens, open);
    if (close >= tokens.size()) {
      throw new IllegalArgumentException("the column list has no closing ')'");
    }
    List<int[]> ranges = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      Token t = tokens.get(i);
      if (t.is('(')) {
        depth++;
      } else if (t.is(')')) {
        depth--;
      } else if (depth == 0 && t.is(',')) {
        ranges.add(new int[] {start, i});
        start = i + 1;
      }
    }
    ranges.add(new int[] {start, close});
    List<String[]> parts = new ArrayList<>();
    for (int[] r : ranges) {
      parts.add(split(tokens, r[0], r[1]));
    }
    moveSameLineComments(parts);
    String closing = "";
    String[] last = parts.get(parts.size() - 1);
    int newline = lastNewlineToken(last[2]);
    if (newline >= 0) {
      closing = last[2].substring(newline);
      last[2] = last[2].substring(0, newline);
    }
    boolean strict = false;
    boolean withoutRowid = false;
    for (int i = close + 1; i < tokens.size(); i++) {
      if (tokens.get(i).isWord("STRICT")) {
        strict = true;
      } else if (tokens.get(i).isWord("ROWID")) {
        withoutRowid = true;
      }
    }
    return SqliteTableDefinition.of(
        sql.substring(0, tokens.get(nameFirst).start()),
        tableName,
        sql.substring(tokens.get(nameLast).end(), tokens.get(open).end()),
        parts,
        closing,
        sql.substring(tokens.get(close).start()),
        strict,
        withoutRowid);
  }

  /** {lead, core, trail, afterComma} of tokens [from, to). */
  private static String[] split(List<Token> tokens, int from, int to) {
    int first = from;
    while (first < to && tokens.get(first).trivia()) {
      first++;
    }
    if (first == to) {
      throw new IllegalArgumentException("empty element in the column list");
    }
    int last = to - 1;
    while (tokens.get(last).trivia()) {
      last--;
    }
    return new String[] {
      ElementSyntax.text(tokens, from, first - 1),
      ElementSyntax.text(tokens, first, last),
      ElementSyntax.text(tokens, last + 1, to - 1),
      ""
    };
  }

  /**
   * A comment right after a comma on the same line ({@code a INT, -- the id}) describes the part
   * before the comma; it moves there so that dropping either part keeps the comment with its part.
   */
  private static void moveSameLineComments(List<String[]> parts) {
    for (int k = 1; k < parts.size(); k++) {
      List<Token> lead = SqlLexer.tokenize(parts.get(k)[0]);
      int end = 0;
      boolean comment = false;
      for (Token t : lead) {
        if (t.kind() == SqlLexer.Kind.SPACE && t.hasNewline()) {
          break;
        }
        comment |= t.lineComment();
        end = t.end();
      }
      if (comment) {
        parts.get(k - 1)[3] = parts.get(k)[0].substring(0, end);
        parts.get(k)[0] = parts.get(k)[0].substring(end);
      }
    }
  }

  private static int lastNewlineToken(String trivia) {
    int result = -1;
    for (Token t : SqlLexer.tokenize(trivia)) {
      if (t.kind() == SqlLexer.Kind.SPACE && t.hasNewline()) {
        result = t.start();
      }
    }
    return result;
  }

  private static boolean word(List<Token> tokens, List<Integer> sig, int s, String word) {
    return s < sig.size() && tokens.get(sig.get(s)).isWord(word);
  }

  private static int expect(List<Token> tokens, List<Integer> sig, int s, String word) {
    if (!word(tokens, sig, s, word)) {
      throw new IllegalArgumentException("expected " + word + " in CREATE TABLE");
    }
    return s + 1;
  }
}

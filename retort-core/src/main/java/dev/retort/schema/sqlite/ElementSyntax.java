package dev.retort.schema.sqlite;

import dev.retort.schema.sqlite.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what a column definition, a table constraint or an index says, from its tokens: enough to
 * decide whether SQLite's native ALTER TABLE can do a change and which columns a constraint or
 * index uses. Column references are found only where SQLite allows them (CHECK and generated
 * expressions, constraint column lists, indexed expressions), never in a REFERENCES clause, which
 * names the parent table's columns.
 */
final class ElementSyntax {
  /** Words that, bare, are never column names inside an expression. */
  private static final Set<String> EXPRESSION_KEYWORDS =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "NULL",
          "IS",
          "IN",
          "LIKE",
          "GLOB",
          "REGEXP",
          "MATCH",
          "BETWEEN",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "CAST",
          "AS",
          "COLLATE",
          "ESCAPE",
          "EXISTS",
          "SELECT",
          "FROM",
          "WHERE",
          "DISTINCT",
          "TRUE",
          "FALSE",
          "CURRENT_TIME",
          "CURRENT_DATE",
          "CURRENT_TIMESTAMP",
          "ISNULL",
          "NOTNULL",
          "ASC",
          "DESC");

  /** Words that start a table constraint; a column definition never starts with one. */
  static final Set<String> TABLE_CONSTRAINT_STARTS =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

  enum ConstraintKind {
    PRIMARY_KEY,
    UNIQUE,
    CHECK,
    FOREIGN_KEY,
    NOT_NULL,
    NULL,
    DEFAULT,
    COLLATE,
    REFERENCES,
    GENERATED
  }

  /** One constraint inside a column definition: token range [first, last] of the core tokens. */
  record Segment(ConstraintKind kind, String name, int first, int last) {}

  /** What a column definition says. */
  record ColumnFacts(
      String name,
      boolean primaryKey,
      boolean primaryKeyDesc,
      boolean autoincrement,
      boolean unique,
      boolean notNull,
      String defaultText,
      boolean references,
      boolean generated,
      boolean generatedStored,
      String declaredType,
      List<Segment> segments) {}

  private ElementSyntax() {}

  static ColumnFacts column(List<Token> tokens) {
    List<Integer> sig = SqlLexer.significant(tokens);
    String name = tokens.get(sig.get(0)).name();
    List<Segment> segments = new ArrayList<>();
    int typeEnd = -1;
    int depth = 0;
    String pendingName = null;
    int pendingStart = -1;
    int segmentStart = -1;
    ConstraintKind kind = null;
    String segmentName = null;
    for (int s = 1; s < sig.size(); s++) {
      Token t = tokens.get(sig.get(s));
      if (t.is('(')) {
        depth++;
        continue;
      }
      if (t.is(')')) {
        depth--;
        continue;
      }
      if (depth != 0) {
        continue;
      }
      Token prev = tokens.get(sig.get(s - 1));
      Token next = s + 1 < sig.size() ? tokens.get(sig.get(s + 1)) : null;
      if (t.isWord("CONSTRAINT") && next != null) {
        if (kind != null) {
          segments.add(new Segment(kind, segmentName, segmentStart, sig.get(s - 1)));
          kind = null;
        }
        if (typeEnd < 0) {
          typeEnd = s;
        }
        pendingName = next.name();
        pendingStart = sig.get(s);
        s++;
        continue;
      }
      ConstraintKind starts = segmentStart(t, prev, next);
      if (starts == null) {
        continue;
      }
      if (typeEnd < 0) {
        typeEnd = s;
      }
      if (kind != null) {
        segments.add(new Segment(kind, segmentName, segmentStart, sig.get(s - 1)));
      }
      kind = starts;
      segmentName = pendingName;
      segmentStart = pendingName != null ? pendingStart : sig.get(s);
      pendingName = null;
    }
    if (kind != null) {
      segments.add(new Segment(kind, segmentName, segmentStart, sig.get(sig.size() - 1)));
    }
    if (typeEnd < 0) {
      typeEnd = sig.size();
    }
    String type =
        typeEnd > 1 ? text(tokens, sig.get(1), sig.get(typeEnd - 1)).replaceAll("\\s+", " ") : "";
    return facts(name, type, tokens, segments);
  }

  private static ColumnFacts facts(
      String name, String type, List<Token> tokens, List<Segment> segments) {
    boolean pk = false;
    boolean pkDesc = false;
    boolean autoincrement = false;
    boolean unique = false;
    boolean notNull = false;
    String defaultText = null;
    boolean references = false;
    boolean generated = false;
    boolean stored = false;
    for (Segment seg : segments) {
      List<Token> part = tokens.subList(seg.first(), seg.last() + 1);
      switch (seg.kind()) {
        case PRIMARY_KEY:
          pk = true;
          pkDesc = part.stream().anyMatch(t -> t.isWord("DESC"));
          autoincrement = part.stream().anyMatch(t -> t.isWord("AUTOINCREMENT"));
          break;
        case UNIQUE:
          unique = true;
          break;
        case NOT_NULL:
          notNull = true;
          break;
        case DEFAULT:
          int at = indexOfWord(part, "DEFAULT");
          defaultText = text(part, at + 1, part.size() - 1).strip();
          break;
        case REFERENCES:
          references = true;
          break;
        case GENERATED:
          generated = true;
          stored = part.stream().anyMatch(t -> t.isWord("STORED"));
          break;
        default:
          break;
      }
    }
    return new ColumnFacts(
        name,
        pk,
        pkDesc,
        autoincrement,
        unique,
        notNull,
        defaultText,
        references,
        generated,
        stored,
        type,
        List.copyOf(segments));
  }

  private static int indexOfWord(List<Token> tokens, String word) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isWord(word)) {
        return i;
      }
    }
    return -1;
  }

  /** The kind of column constraint that {@code t} starts, given its neighbours, or null. */
  private static ConstraintKind segmentStart(Token t, Token prev, Token next) {
    String k = t.keyword();
    if (k == null) {
      return null;
    }
    switch (k) {
      case "PRIMARY":
        return ConstraintKind.PRIMARY_KEY;
      case "NOT":
        return next != null && next.isWord("NULL") ? ConstraintKind.NOT_NULL : null;
      case "NULL":
        return prev.isWord("NOT") || prev.isWord("SET") || prev.isWord("DEFAULT")
            ? null
            : ConstraintKind.NULL;
      case "UNIQUE":
        return ConstraintKind.UNIQUE;
      case "CHECK":
        return ConstraintKind.CHECK;
      case "DEFAULT":
        return prev.isWord("SET") ? null : ConstraintKind.DEFAULT;
      case "COLLATE":
        return ConstraintKind.COLLATE;
      case "REFERENCES":
        return ConstraintKind.REFERENCES;
      case "GENERATED":
        return ConstraintKind.GENERATED;
      case "AS":
        return next != null && next.is('(') && !prev.isWord("ALWAYS")
            ? ConstraintKind.GENERATED
            : null;
      default:
        return null;
    }
  }

  /** The kind of a table constraint (its tokens start with CONSTRAINT name or the kind word). */
  static ConstraintKind tableConstraintKind(List<Token> tokens) {
    List<Integer> sig = SqlLexer.significant(tokens);
    int s = tokens.get(sig.get(0)).isWord("CONSTRAINT") ? 2 : 0;
    if (s >= sig.size()) {
      return null;
    }
    switch (tokens.get(sig.get(s)).keyword() == null ? "" : tokens.get(sig.get(s)).keyword()) {
      case "PRIMARY":
        return ConstraintKind.PRIMARY_KEY;
      case "UNIQUE":
        return ConstraintKind.UNIQUE;
      case "CHECK":
        return ConstraintKind.CHECK;
      case "FOREIGN":
        return ConstraintKind.FOREIGN_KEY;
      default:
        return null;
    }
  }

  /** The name after a leading CONSTRAINT keyword, or null. */
  static String tableConstraintName(List<Token> tokens) {
    List<Integer> sig = SqlLexer.significant(tokens);
    return tokens.get(sig.get(0)).isWord("CONSTRAINT") && sig.size() > 1
        ? tokens.get(sig.get(1)).name()
        : null;
  }

  /**
   * Indexes of the tokens of a table constraint that name columns of its own table: the column list
   * of PRIMARY KEY, UNIQUE and FOREIGN KEY (not the parent's, after REFERENCES), and the names in a
   * CHECK expression.
   */
  static List<Integer> tableConstraintReferences(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is('(')) {
        return references(tokens, i + 1, matchingClose(tokens, i));
      }
    }
    return List.of();
  }

  /** Indexes of the tokens of a column definition that name columns: CHECK and AS expressions. */
  static List<Integer> columnReferences(List<Token> tokens) {
    List<Integer> result = new ArrayList<>();
    List<Integer> sig = SqlLexer.significant(tokens);
    int depth = 0;
    for (int s = 0; s < sig.size(); s++) {
      Token t = tokens.get(sig.get(s));
      if (t.is('(')) {
        depth++;
      } else if (t.is(')')) {
        depth--;
      } else if (depth == 0
          && (t.isWord("CHECK") || t.isWord("AS"))
          && s + 1 < sig.size()
          && tokens.get(sig.get(s + 1)).is('(')) {
        int open = sig.get(s + 1);
        result.addAll(references(tokens, open + 1, matchingClose(tokens, open)));
      }
    }
    return result;
  }

  /**
   * Indexes of the tokens of a CREATE INDEX statement that name columns of the indexed table: the
   * indexed columns and expressions, and the WHERE clause of a partial index.
   */
  static List<Integer> indexReferences(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isWord("ON")) {
        for (int j = i + 1; j < tokens.size(); j++) {
          if (tokens.get(j).is('(')) {
            int close = matchingClose(tokens, j);
            List<Integer> result = new ArrayList<>(references(tokens, j + 1, close));
            result.addAll(references(tokens, close + 1, tokens.size()));
            return result;
          }
        }
      }
    }
    return List.of();
  }

  /**
   * Tokens in [from, to) that name a column: bare or quoted names that are not keywords, function
   * names, collation names, CAST types or the table part of {@code t.column}.
   */
  static List<Integer> references(List<Token> tokens, int from, int to) {
    List<Integer> result = new ArrayList<>();
    Token prev = null;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.trivia()) {
        continue;
      }
      Token next = nextSignificant(tokens, i + 1, to);
      boolean candidate =
          (t.kind() == SqlLexer.Kind.QUOTED
                  || (t.kind() == SqlLexer.Kind.WORD && !EXPRESSION_KEYWORDS.contains(t.keyword())))
              && !(next != null && (next.is('(') || next.is('.')))
              && !(prev != null && (prev.isWord("COLLATE") || prev.isWord("AS")));
      if (candidate) {
        result.add(i);
      }
      prev = t;
    }
    return result;
  }

  private static Token nextSignificant(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!tokens.get(i).trivia()) {
        return tokens.get(i);
      }
    }
    return null;
  }

  /** Index of the ')' closing the '(' at {@code open}, or the token count if unbalanced. */
  static int matchingClose(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is('(')) {
        depth++;
      } else if (tokens.get(i).is(')') && --depth == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  /** True when any of the reference tokens names {@code column}. */
  static boolean mentions(List<Token> tokens, List<Integer> references, String column) {
    for (int i : references) {
      if (tokens.get(i).name().equalsIgnoreCase(column)) {
        return true;
      }
    }
    return false;
  }

  /** The source text of tokens [first, last]. */
  static String text(List<Token> tokens, int first, int last) {
    StringBuilder sb = new StringBuilder();
    for (int i = first; i <= last && i < tokens.size(); i++) {
      sb.append(tokens.get(i).text());
    }
    return sb.toString();
  }

  /** Replaces reference tokens naming {@code from} by the quoted {@code to}. */
  static String rename(List<Token> tokens, List<Integer> references, String from, String to) {
    StringBuilder sb = new StringBuilder();
    Set<Integer> refs = Set.copyOf(references);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      sb.append(
          refs.contains(i) && t.name().equalsIgnoreCase(from) ? SqlLexer.quote(to) : t.text());
    }
    return sb.toString();
  }
}

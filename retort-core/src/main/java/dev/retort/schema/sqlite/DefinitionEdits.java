package dev.retort.schema.sqlite;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.ElementSyntax.ColumnFacts;
import dev.retort.schema.sqlite.ElementSyntax.ConstraintKind;
import dev.retort.schema.sqlite.ElementSyntax.Segment;
import dev.retort.schema.sqlite.SqlLexer.Token;
import dev.retort.schema.sqlite.SqliteTableDefinition.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The changes a database-neutral schema operation makes (a column's type, NOT NULL, default or
 * collation; dropping a key or constraint) as edits of a table's original definition text. Only the
 * clause concerned is touched: a column keeps its PRIMARY KEY, REFERENCES, CHECK and comments when
 * its type changes, which rewriting the column from a model would lose.
 *
 * <p>Unnamed constraints (SQLite keeps no name unless {@code CONSTRAINT name} was written) are
 * found by what they say: a foreign key or UNIQUE by its columns, a CHECK by its expression,
 * compared token by token.
 */
public final class DefinitionEdits {
  private DefinitionEdits() {}

  /** Gives the column a new declared type; an empty type leaves it without one. */
  public static SqliteTableDefinition setType(SqliteTableDefinition d, String column, String type) {
    List<Token> tokens = tokens(d, column);
    List<Integer> sig = SqlLexer.significant(tokens);
    int name = sig.get(0);
    int typeEnd = firstConstraint(tokens);
    int typeFirst = -1;
    int typeLast = -1;
    for (int i : sig) {
      if (i > name && i < typeEnd) {
        typeFirst = typeFirst < 0 ? i : typeFirst;
        typeLast = i;
      }
    }
    String gap = typeFirst < 0 ? " " : ElementSyntax.text(tokens, name + 1, typeFirst - 1);
    String newType = type == null || type.isBlank() ? "" : gap + type.strip();
    String rest = ElementSyntax.text(tokens, (typeLast < 0 ? name : typeLast) + 1, tokens.size());
    return d.replaceColumn(column, ElementSyntax.text(tokens, 0, name) + newType + rest);
  }

  /** Adds or removes the column's NOT NULL (an explicit NULL constraint goes too). */
  public static SqliteTableDefinition setNotNull(
      SqliteTableDefinition d, String column, boolean notNull) {
    String text = without(tokens(d, column), Set.of(ConstraintKind.NOT_NULL, ConstraintKind.NULL));
    return d.replaceColumn(column, notNull ? afterType(text, "NOT NULL") : text);
  }

  /**
   * Sets the column's default, given as the text after DEFAULT (a literal, or an expression in
   * parentheses), or drops it when null.
   */
  public static SqliteTableDefinition setDefault(
      SqliteTableDefinition d, String column, String defaultText) {
    String text = without(tokens(d, column), Set.of(ConstraintKind.DEFAULT));
    return d.replaceColumn(
        column, defaultText == null ? text : afterType(text, "DEFAULT " + defaultText.strip()));
  }

  /** Sets the column's collation, or drops it (back to BINARY) when null. */
  public static SqliteTableDefinition setCollation(
      SqliteTableDefinition d, String column, String collation) {
    String text = without(tokens(d, column), Set.of(ConstraintKind.COLLATE));
    return d.replaceColumn(
        column, collation == null ? text : afterType(text, "COLLATE " + SqlLexer.quote(collation)));
  }

  /** Drops the primary key, whether a table constraint or written on its column. */
  public static SqliteTableDefinition dropPrimaryKey(SqliteTableDefinition d) {
    for (Constraint k : d.constraints()) {
      if (kind(k) == ConstraintKind.PRIMARY_KEY) {
        return d.dropConstraint(k.definition());
      }
    }
    for (SqliteTableDefinition.Column c : d.columns()) {
      if (has(c, ConstraintKind.PRIMARY_KEY)) {
        return d.replaceColumn(
            c.name(),
            without(SqlLexer.tokenize(c.definition()), Set.of(ConstraintKind.PRIMARY_KEY)));
      }
    }
    throw failure("table " + d.tableName() + " has no PRIMARY KEY to drop");
  }

  /**
   * Drops a foreign key: the one named {@code name} if there is one, else the one on exactly these
   * columns referring to {@code referencedTable}.
   */
  public static SqliteTableDefinition dropForeignKey(
      SqliteTableDefinition d, String name, List<String> columns, String referencedTable) {
    return dropKey(
        d,
        name,
        ConstraintKind.FOREIGN_KEY,
        ConstraintKind.REFERENCES,
        columns,
        referencedTable,
        "foreign key " + columnList(columns) + " REFERENCES " + referencedTable);
  }

  /** Drops a UNIQUE constraint: by name if there is one, else the one on exactly these columns. */
  public static SqliteTableDefinition dropUnique(
      SqliteTableDefinition d, String name, List<String> columns) {
    return dropKey(
        d,
        name,
        ConstraintKind.UNIQUE,
        ConstraintKind.UNIQUE,
        columns,
        null,
        "UNIQUE constraint " + columnList(columns));
  }

  /** Drops a CHECK constraint: by name if there is one, else the one with this expression. */
  public static SqliteTableDefinition dropCheck(
      SqliteTableDefinition d, String name, String expression) {
    if (name != null && named(d, name)) {
      return d.dropConstraint(name);
    }
    String wanted = normalize(SqlLexer.tokenize(expression));
    for (Constraint k : d.constraints()) {
      List<Token> tokens = SqlLexer.tokenize(k.definition());
      if (kind(k) == ConstraintKind.CHECK && wanted.equals(checkExpression(tokens, 0))) {
        return d.dropConstraint(k.definition());
      }
    }
    for (SqliteTableDefinition.Column c : d.columns()) {
      List<Token> tokens = SqlLexer.tokenize(c.definition());
      for (Segment seg : ElementSyntax.column(tokens).segments()) {
        if (seg.kind() == ConstraintKind.CHECK
            && wanted.equals(checkExpression(tokens, seg.first()))) {
          return d.replaceColumn(c.name(), without(tokens, List.of(seg)));
        }
      }
    }
    throw missing(d, "CHECK (" + expression + ")");
  }

  private static SqliteTableDefinition dropKey(
      SqliteTableDefinition d,
      String name,
      ConstraintKind tableKind,
      ConstraintKind columnKind,
      List<String> columns,
      String referencedTable,
      String what) {
    if (name != null && named(d, name)) {
      return d.dropConstraint(name);
    }
    for (Constraint k : d.constraints()) {
      List<Token> tokens = SqlLexer.tokenize(k.definition());
      if (kind(k) == tableKind
          && sameNames(tokens, ElementSyntax.tableConstraintReferences(tokens), columns)
          && references(tokens, 0, referencedTable)) {
        return d.dropConstraint(k.definition());
      }
    }
    if (columns.size() == 1) {
      SqliteTableDefinition.Column c = d.column(columns.get(0)).orElse(null);
      if (c != null) {
        List<Token> tokens = SqlLexer.tokenize(c.definition());
        for (Segment seg : ElementSyntax.column(tokens).segments()) {
          if (seg.kind() == columnKind && references(tokens, seg.first(), referencedTable)) {
            return d.replaceColumn(c.name(), without(tokens, List.of(seg)));
          }
        }
      }
    }
    throw missing(d, what);
  }

  /** Whether a named constraint (table or column level) exists. */
  private static boolean named(SqliteTableDefinition d, String name) {
    if (d.constraints().stream().anyMatch(k -> name.equalsIgnoreCase(k.name()))) {
      return true;
    }
    for (SqliteTableDefinition.Column c : d.columns()) {
      for (Segment seg : ElementSyntax.column(SqlLexer.tokenize(c.definition())).segments()) {
        if (name.equalsIgnoreCase(seg.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean has(SqliteTableDefinition.Column c, ConstraintKind kind) {
    return ElementSyntax.column(SqlLexer.tokenize(c.definition())).segments().stream()
        .anyMatch(s -> s.kind() == kind);
  }

  private static boolean sameNames(List<Token> tokens, List<Integer> refs, List<String> columns) {
    if (refs.size() != columns.size()) {
      return false;
    }
    for (int i = 0; i < refs.size(); i++) {
      if (!tokens.get(refs.get(i)).name().equalsIgnoreCase(columns.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the REFERENCES at or after {@code from} names the table (always true for null). */
  private static boolean references(List<Token> tokens, int from, String table) {
    if (table == null) {
      return true;
    }
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).isWord("REFERENCES")) {
        for (int j = i + 1; j < tokens.size(); j++) {
          if (!tokens.get(j).trivia()) {
            return tokens.get(j).name().equalsIgnoreCase(table);
          }
        }
      }
    }
    return false;
  }

  /** The normalized text inside the parentheses of the CHECK at or after {@code from}. */
  private static String checkExpression(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is('(')) {
        int close = ElementSyntax.matchingClose(tokens, i);
        return normalize(tokens.subList(i + 1, Math.min(close, tokens.size())));
      }
    }
    return "";
  }

  /** Significant tokens only, bare words and quoted names upper-cased: SQLite's name rules. */
  private static String normalize(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      if (!t.trivia()) {
        boolean name = t.kind() == SqlLexer.Kind.WORD || t.kind() == SqlLexer.Kind.QUOTED;
        sb.append(name ? t.name().toUpperCase(Locale.ROOT) : t.text()).append(' ');
      }
    }
    return sb.toString();
  }

  private static List<Token> tokens(SqliteTableDefinition d, String column) {
    return SqlLexer.tokenize(
        d.column(column)
            .orElseThrow(
                () ->
                    failure(
                        "table "
                            + d.tableName()
                            + " has no column "
                            + column
                            + "; its columns are "
                            + d.columns().stream()
                                .map(SqliteTableDefinition.Column::name)
                                .collect(Collectors.joining(", "))))
            .definition());
  }

  /** Index of the first token of the column's constraints (its name included), or the end. */
  private static int firstConstraint(List<Token> tokens) {
    ColumnFacts facts = ElementSyntax.column(tokens);
    int end = tokens.size();
    for (int i : SqlLexer.significant(tokens)) {
      if (i > 0 && tokens.get(i).isWord("CONSTRAINT")) {
        end = i;
        break;
      }
    }
    return facts.segments().isEmpty() ? end : Math.min(end, facts.segments().get(0).first());
  }

  private static String without(List<Token> tokens, Set<ConstraintKind> kinds) {
    List<Segment> drop = new ArrayList<>();
    for (Segment seg : ElementSyntax.column(tokens).segments()) {
      if (kinds.contains(seg.kind())) {
        drop.add(seg);
      }
    }
    return without(tokens, drop);
  }

  /** The column text without these segments and the whitespace before each; comments stay. */
  private static String without(List<Token> tokens, List<Segment> segments) {
    boolean[] gone = new boolean[tokens.size()];
    for (Segment seg : segments) {
      int from = seg.first();
      while (from > 0 && tokens.get(from - 1).kind() == SqlLexer.Kind.SPACE) {
        from--;
      }
      for (int i = from; i <= seg.last(); i++) {
        gone[i] = true;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (!gone[i]) {
        sb.append(tokens.get(i).text());
      }
    }
    return sb.toString();
  }

  /** Inserts a clause right after the column's type (or name), before its other constraints. */
  private static String afterType(String columnText, String clause) {
    List<Token> tokens = SqlLexer.tokenize(columnText);
    int end = firstConstraint(tokens);
    int last = 0;
    for (int i : SqlLexer.significant(tokens)) {
      if (i < end) {
        last = i;
      }
    }
    return ElementSyntax.text(tokens, 0, last)
        + " "
        + clause
        + ElementSyntax.text(tokens, last + 1, tokens.size());
  }

  private static ConstraintKind kind(Constraint k) {
    return ElementSyntax.tableConstraintKind(SqlLexer.tokenize(k.definition()));
  }

  private static String columnList(List<String> columns) {
    return "(" + String.join(", ", columns) + ")";
  }

  private static RetortException missing(SqliteTableDefinition d, String what) {
    List<String> known = new ArrayList<>();
    for (Constraint c : d.constraints()) {
      known.add(c.name() != null ? c.name() : c.definition().replaceAll("\\s+", " "));
    }
    return failure(
        "table "
            + d.tableName()
            + " has no "
            + what
            + "; its table constraints are: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
  }

  private static RetortException failure(String message) {
    return new RetortException(ErrorCode.MIGRATION_FAILED, message);
  }
}

package dev.retort.schema.sqlite;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.ElementSyntax.ConstraintKind;
import dev.retort.schema.sqlite.ElementSyntax.Segment;
import dev.retort.schema.sqlite.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table's {@code CREATE TABLE} text as SQLite stored it in {@code sqlite_schema.sql}, split into
 * column definitions, table constraints and table options, each kept as its original text. Changes
 * return a new definition; {@link #toCreateSql} re-emits every untouched part byte for byte,
 * comments and formatting included, so a rebuilt table reads like the one the user wrote.
 *
 * <p>Each column remembers the column of the original table it came from (renames included), which
 * is how {@link SqliteTableRebuild} maps the data across.
 */
public final class SqliteTableDefinition {
  /** A column: its name (unquoted) and its whole definition text, name included. */
  public record Column(String name, String definition) {}

  /** A table constraint: its CONSTRAINT name (unquoted) or null, and its text. */
  public record Constraint(String name, String definition) {}

  /**
   * One comma-separated part of the body. {@code lead}/{@code trail} are the whitespace and
   * comments around {@code core}; {@code afterComma} holds a comment that followed the comma on the
   * same line, which belongs to this part rather than the next.
   */
  private record Element(
      boolean column,
      String lead,
      String core,
      String trail,
      String afterComma,
      String name,
      String source) {
    Element withCore(String newCore, String newName) {
      return new Element(column, lead, newCore, trail, afterComma, newName, source);
    }
  }

  private final String header;
  private final String tableName;
  private final String beforeBody;
  private final List<Element> elements;
  private final String closing;
  private final String tail;
  private final boolean strict;
  private final boolean withoutRowid;

  private SqliteTableDefinition(
      String header,
      String tableName,
      String beforeBody,
      List<Element> elements,
      String closing,
      String tail,
      boolean strict,
      boolean withoutRowid) {
    this.header = header;
    this.tableName = tableName;
    this.beforeBody = beforeBody;
    this.elements = List.copyOf(elements);
    this.closing = closing;
    this.tail = tail;
    this.strict = strict;
    this.withoutRowid = withoutRowid;
  }

  /**
   * Parses a {@code CREATE TABLE} statement as found in {@code sqlite_schema.sql}.
   *
   * @throws RetortException (MIGRATION_FAILED) for text that is not a CREATE TABLE with a column
   *     list, such as a virtual table
   */
  public static SqliteTableDefinition parse(String createTableSql) {
    try {
      return DefinitionParser.parse(createTableSql);
    } catch (IllegalArgumentException e) {
      String start = createTableSql.strip().replaceAll("\\s+", " ");
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "cannot read the table definition '"
              + (start.length() > 60 ? start.substring(0, 60) + "..." : start)
              + "': "
              + e.getMessage());
    }
  }

  static SqliteTableDefinition of(
      String header,
      String tableName,
      String beforeBody,
      List<String[]> parts,
      String closing,
      String tail,
      boolean strict,
      boolean withoutRowid) {
    List<Element> elements = new ArrayList<>();
    for (String[] p : parts) {
      List<Token> tokens = SqlLexer.tokenize(p[1]);
      boolean column = !isTableConstraint(tokens);
      String name = column ? tokens.get(0).name() : ElementSyntax.tableConstraintName(tokens);
      elements.add(new Element(column, p[0], p[1], p[2], p[3], name, column ? name : null));
    }
    return new SqliteTableDefinition(
        header, tableName, beforeBody, elements, closing, tail, strict, withoutRowid);
  }

  private static boolean isTableConstraint(List<Token> tokens) {
    Token first = tokens.get(SqlLexer.significant(tokens).get(0));
    return first.kind() == SqlLexer.Kind.WORD
        && ElementSyntax.TABLE_CONSTRAINT_STARTS.contains(first.keyword());
  }

  /** The table name, unquoted. */
  public String tableName() {
    return tableName;
  }

  public List<Column> columns() {
    return elements.stream()
        .filter(Element::column)
        .map(e -> new Column(e.name(), e.core()))
        .collect(Collectors.toUnmodifiableList());
  }

  public List<Constraint> constraints() {
    return elements.stream()
        .filter(e -> !e.column())
        .map(e -> new Constraint(e.name(), e.core()))
        .collect(Collectors.toUnmodifiableList());
  }

  public Optional<Column> column(String name) {
    return columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** True for a STRICT table. */
  public boolean strict() {
    return strict;
  }

  /** True for a WITHOUT ROWID table. */
  public boolean withoutRowid() {
    return withoutRowid;
  }

  /**
   * Drops a column. A table constraint or another column's CHECK or generated expression that uses
   * it is an error: drop or change that first, so nothing disappears unasked.
   */
  public SqliteTableDefinition dropColumn(String name) {
    int at = indexOfColumn(name);
    String actual = elements.get(at).name();
    if (columns().size() == 1) {
      throw failure(
          "cannot drop column " + actual + ": it is the only column of table " + tableName);
    }
    List<String> users = new ArrayList<>();
    for (Constraint c : TableFacts.constraintsUsing(this, actual)) {
      users.add("table constraint " + c.definition().replaceAll("\\s+", " "));
    }
    for (String c : TableFacts.columnsUsing(this, actual)) {
      users.add("column " + c);
    }
    if (!users.isEmpty()) {
      throw failure(
          "cannot drop column "
              + actual
              + " of table "
              + tableName
              + ": it is used by "
              + String.join("; ", users)
              + "; drop or change those first");
    }
    List<Element> next = new ArrayList<>(elements);
    next.remove(at);
    return with(next);
  }

  /**
   * Renames a column, and the references to it in table constraints and in CHECK and generated
   * expressions of this table. Indexes, triggers and views are outside this text.
   */
  public SqliteTableDefinition renameColumn(String oldName, String newName) {
    int at = indexOfColumn(oldName);
    String actual = elements.get(at).name();
    requireFreeName(newName, actual);
    List<Token> tokens = SqlLexer.tokenize(elements.get(at).core());
    String core = SqlLexer.quote(newName) + ElementSyntax.text(tokens, 1, tokens.size() - 1);
    List<Element> next = new ArrayList<>(elements);
    next.set(at, elements.get(at).withCore(core, newName));
    return with(renameReferences(next, actual, newName));
  }

  /**
   * Replaces a column's whole definition (type, constraints, default). A different name in the new
   * text renames the column; its data still comes from the original column.
   */
  public SqliteTableDefinition replaceColumn(String name, String newDefinitionText) {
    int at = indexOfColumn(name);
    String actual = elements.get(at).name();
    String core = requireColumnText(newDefinitionText);
    String newName = SqlLexer.tokenize(core).get(0).name();
    requireFreeName(newName, actual);
    List<Element> next = new ArrayList<>(elements);
    next.set(at, elements.get(at).withCore(core, newName));
    return with(actual.equals(newName) ? next : renameReferences(next, actual, newName));
  }

  /** Adds a column after the last one; existing rows get its default. */
  public SqliteTableDefinition addColumn(String definitionText) {
    String core = requireColumnText(definitionText);
    String name = SqlLexer.tokenize(core).get(0).name();
    requireFreeName(name, null);
    int last = -1;
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).column()) {
        last = i;
      }
    }
    List<Element> next = new ArrayList<>(elements);
    next.add(last + 1, new Element(true, newLead(elements.get(last)), core, "", "", name, null));
    return with(next);
  }

  /** Adds a table constraint (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY, optionally named). */
  public SqliteTableDefinition addConstraint(String constraintText) {
    String core = constraintText.strip();
    List<Token> tokens = requireSingleElement(core, "constraint");
    if (!isTableConstraint(tokens) || ElementSyntax.tableConstraintKind(tokens) == null) {
      throw failure(
          "'"
              + core
              + "' is not a table constraint: start it with CONSTRAINT name, PRIMARY KEY,"
              + " UNIQUE, CHECK or FOREIGN KEY");
    }
    String name = ElementSyntax.tableConstraintName(tokens);
    if (name != null && findConstraint(name) != null) {
      throw failure("table " + tableName + " already has a constraint named " + name);
    }
    if (ElementSyntax.tableConstraintKind(tokens) == ConstraintKind.PRIMARY_KEY
        && TableFacts.hasPrimaryKey(this)) {
      throw failure(
          "table " + tableName + " already has a PRIMARY KEY; drop it or change that column first");
    }
    List<Element> next = new ArrayList<>(elements);
    next.add(
        new Element(false, newLead(elements.get(elements.size() - 1)), core, "", "", name, null));
    return with(next);
  }

  /**
   * Drops a table constraint given its name or its text (compared token by token, ignoring
   * whitespace and keyword case), or a named constraint inside a column definition.
   */
  public SqliteTableDefinition dropConstraint(String nameOrText) {
    String wanted = nameOrText.strip();
    List<Token> wantedTokens = SqlLexer.tokenize(wanted);
    List<Integer> sig = SqlLexer.significant(wantedTokens);
    String asName = sig.size() == 1 ? wantedTokens.get(sig.get(0)).name() : wanted;
    List<Element> next = new ArrayList<>(elements);
    Element found = findConstraint(asName);
    if (found == null) {
      String normalized = normalize(wanted);
      found =
          elements.stream()
              .filter(e -> !e.column() && normalize(e.core()).equals(normalized))
              .findFirst()
              .orElse(null);
    }
    if (found != null) {
      next.remove(found);
      return with(next);
    }
    for (int i = 0; i < next.size(); i++) {
      Element e = next.get(i);
      if (!e.column()) {
        continue;
      }
      List<Token> tokens = SqlLexer.tokenize(e.core());
      for (Segment seg : ElementSyntax.column(tokens).segments()) {
        if (seg.name() != null && seg.name().equalsIgnoreCase(asName)) {
          int from = seg.first();
          while (from > 0 && tokens.get(from - 1).trivia()) {
            from--;
          }
          String core =
              ElementSyntax.text(tokens, 0, from - 1)
                  + ElementSyntax.text(tokens, seg.last() + 1, tokens.size() - 1);
          next.set(i, e.withCore(core, e.name()));
          return with(next);
        }
      }
    }
    List<String> known = new ArrayList<>();
    for (Constraint c : constraints()) {
      known.add(c.name() != null ? c.name() : c.definition().replaceAll("\\s+", " "));
    }
    throw failure(
        "table "
            + tableName
            + " has no constraint "
            + wanted
            + "; its table constraints are: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
  }

  /**
   * The CREATE TABLE statement for a table called {@code name}, with every untouched part in its
   * original text.
   */
  public String toCreateSql(String name) {
    StringBuilder sb = new StringBuilder(header).append(SqlLexer.quote(name)).append(beforeBody);
    String lastTrivia = "";
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      sb.append(e.lead()).append(e.core());
      if (i < elements.size() - 1) {
        if (SqlLexer.endsInLineComment(e.trail())) {
          sb.append(',').append(e.trail());
        } else {
          sb.append(e.trail()).append(',');
        }
        sb.append(e.afterComma());
      } else {
        sb.append(e.trail()).append(e.afterComma());
        lastTrivia = e.trail() + e.afterComma();
      }
    }
    if (SqlLexer.endsInLineComment(lastTrivia) && !closing.contains("\n")) {
      sb.append('\n');
    }
    return sb.append(closing).append(tail).toString();
  }

  @Override
  public String toString() {
    return toCreateSql(tableName);
  }

  /** The column of the original table whose data this column takes, or null for a new column. */
  String sourceOf(String column) {
    return elements.get(indexOfColumn(column)).source();
  }

  private List<Element> renameReferences(List<Element> list, String from, String to) {
    List<Element> result = new ArrayList<>();
    for (Element e : list) {
      List<Token> tokens = SqlLexer.tokenize(e.core());
      List<Integer> refs =
          e.column()
              ? ElementSyntax.columnReferences(tokens)
              : ElementSyntax.tableConstraintReferences(tokens);
      result.add(e.withCore(ElementSyntax.rename(tokens, refs, from, to), e.name()));
    }
    return result;
  }

  private Element findConstraint(String name) {
    for (Element e : elements) {
      if (!e.column() && e.name() != null && e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }

  private SqliteTableDefinition with(List<Element> next) {
    return new SqliteTableDefinition(
        header, tableName, beforeBody, next, closing, tail, strict, withoutRowid);
  }

  private int indexOfColumn(String name) {
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).column() && elements.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw failure(
        "table "
            + tableName
            + " has no column "
            + name
            + "; its columns are "
            + columns().stream().map(Column::name).collect(Collectors.joining(", ")));
  }

  private void requireFreeName(String name, String except) {
    if (except != null && except.equalsIgnoreCase(name)) {
      return;
    }
    if (column(name).isPresent()) {
      throw failure("table " + tableName + " already has a column named " + name);
    }
  }

  private String requireColumnText(String text) {
    String core = text.strip();
    List<Token> tokens = requireSingleElement(core, "column definition");
    if (!tokens.get(0).isName() || isTableConstraint(tokens)) {
      throw failure(
          "'" + core + "' is not a column definition: it must start with the column name");
    }
    return core;
  }

  private List<Token> requireSingleElement(String core, String what) {
    List<Token> tokens;
    try {
      tokens = SqlLexer.tokenize(core);
    } catch (IllegalArgumentException e) {
      throw failure("cannot read " + what + " '" + core + "': " + e.getMessage());
    }
    if (SqlLexer.significant(tokens).isEmpty()) {
      throw failure("empty " + what + " for table " + tableName);
    }
    int depth = 0;
    for (Token t : tokens) {
      if (t.is('(')) {
        depth++;
      } else if (t.is(')')) {
        depth--;
      }
      if (depth < 0 || t.is(';') || (depth == 0 && t.is(','))) {
        throw failure("'" + core + "' must be exactly one " + what + " (no ',' ';' or stray ')')");
      }
    }
    if (depth != 0) {
      throw failure("'" + core + "' has an unclosed '('");
    }
    if (tokens.get(tokens.size() - 1).lineComment()) {
      throw failure("'" + core + "' must not end in a -- comment");
    }
    return tokens;
  }

  private static String newLead(Element template) {
    return template.lead().isBlank() && template.lead().contains("\n") ? template.lead() : " ";
  }

  private static String normalize(String text) {
    StringBuilder sb = new StringBuilder();
    for (Token t : SqlLexer.tokenize(text)) {
      if (!t.trivia()) {
        sb.append(t.kind() == SqlLexer.Kind.WORD ? t.keyword() : t.text()).append(' ');
      }
    }
    return sb.toString();
  }

  private static RetortException failure(String message) {
    return new RetortException(ErrorCode.MIGRATION_FAILED, message);
  }
}

package dev.retort.schema.sqlite;

import dev.retort.schema.sqlite.ElementSyntax.ColumnFacts;
import dev.retort.schema.sqlite.ElementSyntax.ConstraintKind;
import dev.retort.schema.sqlite.SqlLexer.Token;
import dev.retort.schema.sqlite.SqliteTableDefinition.Column;
import dev.retort.schema.sqlite.SqliteTableDefinition.Constraint;
import java.util.ArrayList;
import java.util.List;

/** What a table definition implies for its columns: keys, rowid alias, who uses a column. */
final class TableFacts {
  private TableFacts() {}

  static ColumnFacts column(SqliteTableDefinition def, String column) {
    return ElementSyntax.column(SqlLexer.tokenize(requireColumn(def, column).definition()));
  }

  /** Table constraints whose own column list or CHECK expression names {@code column}. */
  static List<Constraint> constraintsUsing(SqliteTableDefinition def, String column) {
    List<Constraint> result = new ArrayList<>();
    for (Constraint k : def.constraints()) {
      List<Token> tokens = SqlLexer.tokenize(k.definition());
      if (ElementSyntax.mentions(tokens, ElementSyntax.tableConstraintReferences(tokens), column)) {
        result.add(k);
      }
    }
    return result;
  }

  /** Other columns whose CHECK or generated expression names {@code column}. */
  static List<String> columnsUsing(SqliteTableDefinition def, String column) {
    List<String> result = new ArrayList<>();
    for (Column c : def.columns()) {
      if (!c.name().equalsIgnoreCase(column)) {
        List<Token> tokens = SqlLexer.tokenize(c.definition());
        if (ElementSyntax.mentions(tokens, ElementSyntax.columnReferences(tokens), column)) {
          result.add(c.name());
        }
      }
    }
    return result;
  }

  /** True when the column is, or is part of, the PRIMARY KEY. */
  static boolean inPrimaryKey(SqliteTableDefinition def, String column) {
    return column(def, column).primaryKey()
        || constraintsUsing(def, column).stream()
            .anyMatch(k -> kind(k) == ConstraintKind.PRIMARY_KEY);
  }

  static boolean hasPrimaryKey(SqliteTableDefinition def) {
    return def.columns().stream().anyMatch(c -> column(def, c.name()).primaryKey())
        || def.constraints().stream().anyMatch(k -> kind(k) == ConstraintKind.PRIMARY_KEY);
  }

  /** True when the table declares AUTOINCREMENT (only possible on an INTEGER PRIMARY KEY). */
  static boolean autoincrement(SqliteTableDefinition def) {
    return def.columns().stream().anyMatch(c -> column(def, c.name()).autoincrement());
  }

  /**
   * The column that is an alias of the rowid (an INTEGER PRIMARY KEY), or null. SQLite quirk: a
   * column-level {@code INTEGER PRIMARY KEY DESC} is not an alias (sqlite.org/lang_createtable.html
   * "ROWIDs and the INTEGER PRIMARY KEY").
   */
  static String rowidAlias(SqliteTableDefinition def) {
    if (def.withoutRowid()) {
      return null;
    }
    for (Column c : def.columns()) {
      ColumnFacts f = column(def, c.name());
      if (f.primaryKey()) {
        return integer(f) && !f.primaryKeyDesc() ? c.name() : null;
      }
    }
    for (Constraint k : def.constraints()) {
      if (kind(k) == ConstraintKind.PRIMARY_KEY) {
        List<Token> tokens = SqlLexer.tokenize(k.definition());
        List<Integer> refs = ElementSyntax.tableConstraintReferences(tokens);
        if (refs.size() != 1) {
          return null;
        }
        return def.column(tokens.get(refs.get(0)).name())
            .filter(c -> integer(column(def, c.name())))
            .map(Column::name)
            .orElse(null);
      }
    }
    return null;
  }

  private static boolean integer(ColumnFacts f) {
    return f.declaredType().equalsIgnoreCase("INTEGER");
  }

  private static ConstraintKind kind(Constraint k) {
    return ElementSyntax.tableConstraintKind(SqlLexer.tokenize(k.definition()));
  }

  private static Column requireColumn(SqliteTableDefinition def, String column) {
    def.sourceOf(column); // throws the usual error for an unknown column
    return def.column(column).orElseThrow();
  }
}

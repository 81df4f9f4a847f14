package dev.retort.schema.introspect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.introspect.SqliteTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a SQLite CREATE TABLE statement says beyond its pragmas: CHECK constraints, collations,
 * generated-column expressions, AUTOINCREMENT, constraint names and the STRICT / WITHOUT ROWID
 * options. The column list itself, types, defaults, keys and foreign keys come from the pragmas.
 */
final class SqliteTableSql {
  /** A foreign key's identity within its table: its columns and the table it references. */
  record FkKey(List<String> columns, String table) {}

  final Map<String, String> collations = new HashMap<>();
  final Map<String, String> generated = new HashMap<>();
  final Set<String> autoincrement = new HashSet<>();
  final Map<List<String>, String> uniqueNames = new HashMap<>();
  final Map<FkKey, String> foreignKeyNames = new HashMap<>();
  final List<CheckConstraint> checks = new ArrayList<>();
  String primaryKeyName;
  boolean strict;
  boolean withoutRowid;

  private final String sql;
  private final List<Token> tokens;

  private SqliteTableSql(String sql) {
    this.sql = sql;
    this.tokens = SqliteTokens.tokenize(sql);
  }

  static SqliteTableSql parse(String sql) {
    SqliteTableSql table = new SqliteTableSql(sql);
    table.parse();
    return table;
  }

  private void parse() {
    int open = 0;
    while (open < tokens.size() && !tokens.get(open).isPunct('(')) {
      open++;
    }
    if (open == tokens.size()) {
      return; // CREATE TABLE ... AS SELECT: nothing beyond the pragmas
    }
    for (int[] item : SqliteTokens.items(tokens, open)) {
      Token first = tokens.get(item[0]);
      if (first.is("CONSTRAINT")
          || first.is("PRIMARY")
          || first.is("UNIQUE")
          || first.is("CHECK")
          || first.is("FOREIGN")) {
        tableConstraint(item[0], item[1]);
      } else {
        column(first.identifier(), item[0] + 1, item[1]);
      }
    }
    for (int i = SqliteTokens.matching(tokens, open) + 1; i < tokens.size(); i++) {
      if (tokens.get(i).is("STRICT")) {
        strict = true;
      } else if (tokens.get(i).is("ROWID")) {
        withoutRowid = true;
      }
    }
  }

  private void tableConstraint(int from, int to) {
    String name = null;
    int i = from;
    if (tokens.get(i).is("CONSTRAINT")) {
      name = tokens.get(i + 1).identifier();
      i += 2;
    }
    Token kind = tokens.get(i);
    int open = nextParen(i, to);
    if (open < 0) {
      return;
    }
    if (kind.is("PRIMARY")) {
      primaryKeyName = name;
    } else if (kind.is("UNIQUE")) {
      uniqueNames.put(SqliteTokens.identifierList(tokens, open), name);
    } else if (kind.is("CHECK")) {
      checks.add(new CheckConstraint(name, SqliteTokens.inside(sql, tokens, open)));
    } else if (kind.is("FOREIGN")) {
      List<String> columns = SqliteTokens.identifierList(tokens, open);
      int references = SqliteTokens.matching(tokens, open) + 1;
      if (references + 1 < to && tokens.get(references).is("REFERENCES")) {
        foreignKeyNames.put(new FkKey(columns, tokens.get(references + 1).identifier()), name);
      }
    }
  }

  private void column(String column, int from, int to) {
    String name = null;
    int i = from;
    while (i < to) {
      Token t = tokens.get(i);
      if (t.isPunct('(')) {
        i = SqliteTokens.matching(tokens, i) + 1; // a type's (10,2) or a DEFAULT (expr)
        continue;
      }
      if (t.is("CONSTRAINT") && i + 1 < to) {
        name = tokens.get(i + 1).identifier();
        i += 2;
        continue;
      }
      if (t.is("PRIMARY")) {
        primaryKeyName = name;
        name = null;
      } else if (t.is("AUTOINCREMENT")) {
        autoincrement.add(column);
      } else if (t.is("UNIQUE")) {
        uniqueNames.put(List.of(column), name);
        name = null;
      } else if (t.is("COLLATE") && i + 1 < to) {
        collations.put(column, tokens.get(i + 1).identifier());
        i += 2;
        continue;
      } else if (t.is("REFERENCES") && i + 1 < to) {
        foreignKeyNames.put(new FkKey(List.of(column), tokens.get(i + 1).identifier()), name);
        name = null;
      } else if (t.is("CHECK") || t.is("AS")) {
        int open = nextParen(i, to);
        if (open >= 0) {
          String expression = SqliteTokens.inside(sql, tokens, open);
          if (t.is("CHECK")) {
            checks.add(new CheckConstraint(name, expression));
          } else {
            generated.put(column, expression);
          }
          name = null;
          i = SqliteTokens.matching(tokens, open) + 1;
          continue;
        }
      } else if (t.is("DEFAULT") || t.is("NOT") || t.is("NULL")) {
        name = null;
      }
      i++;
    }
  }

  private int nextParen(int from, int to) {
    for (int i = from; i < to; i++) {
      if (tokens.get(i).isPunct('(')) {
        return i;
      }
    }
    return -1;
  }
}

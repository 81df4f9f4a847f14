package dev.retort.schema.sqlite;

import dev.retort.schema.sqlite.SqlLexer.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a table rebuild must put back or check, read from {@code sqlite_master} (the name that works
 * on every SQLite version; {@code sqlite_schema} is an alias since 3.33). Indexes and triggers of
 * the table vanish with DROP TABLE; views that mention it are dropped first and recreated, as the
 * 12-step procedure asks (sqlite.org/lang_altertable.html#otheralter), and so are the INSTEAD OF
 * triggers on those views, which DROP VIEW takes along.
 */
final class Dependents {
  /** One row of sqlite_master. */
  record SchemaObject(String type, String name, String table, String sql) {}

  final String table;
  final String sql;
  final List<SchemaObject> indexes = new ArrayList<>();
  final List<SchemaObject> triggers = new ArrayList<>();

  /**
   * TEMP triggers of this connection on the table: DROP TABLE removes them too, and their stored
   * text lacks the TEMP keyword, so they are recreated with it.
   */
  final List<SchemaObject> tempTriggers = new ArrayList<>();

  final List<SchemaObject> views = new ArrayList<>();
  final List<SchemaObject> viewTriggers = new ArrayList<>();

  /** Triggers of other tables whose bodies mention the table: checked, not recreated. */
  final List<SchemaObject> otherTriggers = new ArrayList<>();

  /** Tables with a foreign key to the table (the table itself when it refers to itself). */
  final List<String> childTables = new ArrayList<>();

  /** Rows of sqlite_stat1 for the table, {idx, stat}: DROP TABLE deletes them. */
  final List<String[]> statistics = new ArrayList<>();

  final String leftover;

  private Dependents(String table, String sql, String leftover) {
    this.table = table;
    this.sql = sql;
    this.leftover = leftover;
  }

  /**
   * The prefix of the new table; a table with this name is a leftover of an interrupted rebuild.
   */
  static final String TEMP_PREFIX = "_retort_new_";

  /**
   * Reads the dependents of {@code table} (matched without regard to case, as SQLite does).
   *
   * @return null when there is no such table
   */
  static Dependents read(Connection connection, String table) throws SQLException {
    List<SchemaObject> all = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        all.add(
            new SchemaObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    SchemaObject target = null;
    String leftover = null;
    for (SchemaObject o : all) {
      if (o.type().equals("table") && o.name().equalsIgnoreCase(table)) {
        target = o;
      }
    }
    if (target == null) {
      return null;
    }
    for (SchemaObject o : all) {
      if (o.type().equals("table") && o.name().equalsIgnoreCase(TEMP_PREFIX + target.name())) {
        leftover = o.name();
      }
    }
    Dependents d = new Dependents(target.name(), target.sql(), leftover);
    for (SchemaObject o : all) {
      if (o.sql() == null) {
        continue; // automatic indexes of UNIQUE and PRIMARY KEY come back with CREATE TABLE
      }
      boolean onTable = o.table().equalsIgnoreCase(d.table);
      if (o.type().equals("index") && onTable) {
        d.indexes.add(o);
      } else if (o.type().equals("view") && mentions(o.sql(), d.table)) {
        d.views.add(o);
      }
    }
    for (SchemaObject o : all) {
      if (!o.type().equals("trigger") || o.sql() == null) {
        continue;
      }
      if (o.table().equalsIgnoreCase(d.table)) {
        d.triggers.add(o);
      } else if (d.views.stream().anyMatch(v -> v.name().equalsIgnoreCase(o.table()))) {
        d.viewTriggers.add(o);
      } else if (mentions(o.sql(), d.table)) {
        d.otherTriggers.add(o);
      }
    }
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT name, tbl_name, sql FROM sqlite_temp_master WHERE type = 'trigger'"
                    + " ORDER BY rowid");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(2).equalsIgnoreCase(d.table)) {
          d.tempTriggers.add(
              new SchemaObject("trigger", rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    if (all.stream().anyMatch(o -> o.name().equals("sqlite_stat1"))) {
      try (PreparedStatement ps =
          connection.prepareStatement("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?")) {
        ps.setString(1, d.table);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            d.statistics.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
      }
    }
    for (String[] fk : incomingForeignKeys(connection, all, d.table)) {
      if (!fk[0].equals(leftover) && d.childTables.stream().noneMatch(fk[0]::equalsIgnoreCase)) {
        d.childTables.add(fk[0]);
      }
    }
    return d;
  }

  /** The names of all tables, for error messages. */
  static List<String> tableNames(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /** True when a name token of {@code sql} (bare or quoted) is {@code name}. */
  static boolean mentions(String sql, String name) {
    for (Token t : SqlLexer.tokenize(sql)) {
      if ((t.kind() == SqlLexer.Kind.WORD || t.kind() == SqlLexer.Kind.QUOTED)
          && t.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The foreign keys that refer to {@code parent}, as {child table, parent column or null for the
   * parent's PRIMARY KEY}. Virtual tables are skipped: they have no foreign keys, and asking about
   * one whose module is not loaded fails.
   */
  static List<String[]> incomingForeignKeys(Connection connection, String parent)
      throws SQLException {
    List<SchemaObject> tables = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'table'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tables.add(
            new SchemaObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return incomingForeignKeys(connection, tables, parent);
  }

  private static List<String[]> incomingForeignKeys(
      Connection connection, List<SchemaObject> all, String parent) throws SQLException {
    List<String[]> result = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT \"table\", \"to\" FROM pragma_foreign_key_list(?)")) {
      for (SchemaObject o : all) {
        if (!o.type().equals("table") || o.sql() == null || virtual(o.sql())) {
          continue;
        }
        ps.setString(1, o.name());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (parent.equalsIgnoreCase(rs.getString(1))) {
              result.add(new String[] {o.name(), rs.getString(2)});
            }
          }
        }
      }
    }
    return result;
  }

  private static boolean virtual(String sql) {
    List<Token> tokens = SqlLexer.tokenize(sql);
    List<Integer> sig = SqlLexer.significant(tokens);
    return sig.size() > 1 && tokens.get(sig.get(1)).isWord("VIRTUAL");
  }
}

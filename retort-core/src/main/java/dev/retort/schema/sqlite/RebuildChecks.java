package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqlLexer.quote;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.Dependents.SchemaObject;
import dev.retort.schema.sqlite.SqlLexer.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks run inside the rebuild transaction before it commits. SQLite accepts CREATE VIEW and
 * CREATE TRIGGER text that names missing columns and only complains when the view is queried or the
 * trigger's statement is compiled; so each view is prepared, and for each trigger a statement that
 * would fire it is prepared (never run), which compiles the trigger body.
 */
final class RebuildChecks {
  private static final Pattern MISSING = Pattern.compile("no such (?:column|table): ([^)\\s]+)");

  private RebuildChecks() {}

  static void viewsAndTriggers(Connection c, Dependents d) {
    for (SchemaObject v : d.views) {
      try {
        c.prepareStatement("SELECT * FROM " + quote(v.name())).close();
      } catch (SQLException e) {
        throw broken(d.table, "view " + v.name(), e);
      }
    }
    Map<String, List<SchemaObject>> groups = new LinkedHashMap<>();
    List<SchemaObject> triggers = new ArrayList<>(d.triggers);
    triggers.addAll(d.viewTriggers);
    triggers.addAll(d.tempTriggers);
    triggers.addAll(d.otherTriggers);
    for (SchemaObject t : triggers) {
      String event = event(t.sql());
      if (event != null) {
        groups.computeIfAbsent(t.table() + '\u0000' + event, k -> new ArrayList<>()).add(t);
      }
    }
    for (List<SchemaObject> group : groups.values()) {
      String target = group.get(0).table();
      String sql;
      try {
        sql = firing(c, target, event(group.get(0).sql()));
      } catch (SQLException e) {
        throw broken(d.table, "table or view " + target, e);
      }
      if (sql == null) {
        continue;
      }
      try {
        c.prepareStatement(sql).close(); // compiling the statement compiles its triggers
      } catch (SQLException e) {
        throw broken(d.table, culprits(group, triggers, e.getMessage()), e);
      }
    }
  }

  /**
   * Runs {@code PRAGMA foreign_key_check} on the rebuilt table (its own foreign keys) and on every
   * table that refers to it.
   *
   * @return one line per broken row, empty when all is well
   */
  static List<String> foreignKeys(Connection c, Dependents d) {
    List<String> tables = new ArrayList<>();
    tables.add(d.table);
    for (String child : d.childTables) {
      if (tables.stream().noneMatch(child::equalsIgnoreCase)) {
        tables.add(child);
      }
    }
    List<String> problems = new ArrayList<>();
    for (String table : tables) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?)")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String rowid = rs.getString(2);
            problems.add(
                (rowid == null ? "a row" : "row " + rowid)
                    + " of table "
                    + rs.getString(1)
                    + " has no parent row in "
                    + rs.getString(3));
          }
        }
      } catch (SQLException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            "table "
                + d.table
                + " was not changed: the foreign keys of table "
                + table
                + " would no longer match it ("
                + e.getMessage()
                + "); change or drop those foreign keys first",
            e);
      }
    }
    return problems;
  }

  /** INSERT, UPDATE or DELETE: the event a CREATE TRIGGER statement fires on. */
  static String event(String triggerSql) {
    boolean afterTrigger = false;
    for (Token t : SqlLexer.tokenize(triggerSql)) {
      if (t.isWord("TRIGGER")) {
        afterTrigger = true;
      } else if (afterTrigger && (t.isWord("INSERT") || t.isWord("UPDATE") || t.isWord("DELETE"))) {
        return t.keyword();
      }
    }
    return null;
  }

  private static String firing(Connection c, String table, String event) throws SQLException {
    switch (event) {
      case "INSERT":
        return "INSERT INTO " + quote(table) + " DEFAULT VALUES";
      case "DELETE":
        return "DELETE FROM " + quote(table);
      default:
        List<String> sets = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0")) {
          ps.setString(1, table);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sets.add(quote(rs.getString(1)) + " = " + quote(rs.getString(1)));
            }
          }
        }
        return sets.isEmpty() ? null : "UPDATE " + quote(table) + " SET " + String.join(", ", sets);
    }
  }

  /**
   * The triggers SQLite most likely choked on: those of the group that mention the name it could
   * not find, else other checked triggers that mention it (compiling a statement compiles the
   * triggers its triggers fire), else the whole group.
   */
  private static String culprits(
      List<SchemaObject> group, List<SchemaObject> checked, String message) {
    List<SchemaObject> found = new ArrayList<>();
    Matcher m = MISSING.matcher(message == null ? "" : message);
    if (m.find()) {
      String missing = m.group(1);
      String last = missing.substring(missing.lastIndexOf('.') + 1);
      for (List<SchemaObject> candidates : List.of(group, checked)) {
        if (found.isEmpty()) {
          candidates.stream().filter(t -> Dependents.mentions(t.sql(), last)).forEach(found::add);
        }
      }
    }
    if (found.isEmpty()) {
      found.addAll(group);
    }
    List<String> names = new ArrayList<>();
    for (SchemaObject t : found) {
      names.add(t.name() + " (on " + t.table() + ")");
    }
    return (names.size() == 1 ? "trigger " : "triggers ") + String.join(", ", names);
  }

  private static RetortException broken(String table, String object, SQLException e) {
    return new RetortException(
        ErrorCode.MIGRATION_FAILED,
        "table "
            + table
            + " was not changed: "
            + object
            + " would no longer work after the change ("
            + sqliteMessage(e)
            + "); drop or rewrite it first",
        e);
  }

  /** The SQLite part of a sqlite-jdbc message, without the driver's error-code prefix. */
  static String sqliteMessage(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int open = m.indexOf('(');
    return m.startsWith("[") && open > 0 && m.endsWith(")")
        ? m.substring(open + 1, m.length() - 1)
        : m;
  }
}

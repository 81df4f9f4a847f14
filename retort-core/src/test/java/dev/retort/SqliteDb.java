package dev.retort;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A SQLite database file as the tests see it, read and written with plain JDBC. */
final class SqliteDb {
  private final Path file;

  SqliteDb(Path file) {
    this.file = file;
  }

  String url() {
    return "jdbc:sqlite:" + file;
  }

  /** A Retort on this database reading migrations from {@code folder}. */
  Retort retort(Path folder) {
    return Retort.configure().url(url(), null, null).locations(folder.toString()).build();
  }

  /** Each row as column name to value, in select order. */
  List<Map<String, Object>> rows(String sql) {
    try (Connection c = DriverManager.getConnection(url());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of every row, as text. */
  List<String> strings(String sql) {
    return rows(sql).stream().map(r -> String.valueOf(r.values().iterator().next())).toList();
  }

  void execute(String... statements) {
    try (Connection c = DriverManager.getConnection(url());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Tables, views and indexes other than SQLite's own and the history table, by name. */
  List<String> objects() {
    return strings(
        "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            + " AND name <> 'retort_history' ORDER BY name");
  }

  List<String> columns(String table) {
    return strings("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
  }

  /** The history table's rows in apply order; empty when it does not exist. */
  List<Map<String, Object>> history() {
    if (strings("SELECT name FROM sqlite_master WHERE name = 'retort_history'").isEmpty()) {
      return List.of();
    }
    return rows("SELECT * FROM retort_history ORDER BY apply_order");
  }

  List<String> historyRevisions() {
    return history().stream().map(r -> (String) r.get("revision")).toList();
  }
}

package dev.retort.schema.apply;

import dev.retort.dialect.Dialects;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.introspect.SchemaFilter;
import dev.retort.schema.introspect.SchemaIntrospectors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the tests of this package. */
final class Sql {
  private Sql() {}

  static void exec(Connection c, String... statements) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of every row, as text. */
  static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The schema as Retort reads it, without its history table. */
  static SchemaModel schema(Connection c) throws SQLException {
    return SchemaIntrospectors.forDialect(Dialects.forConnection(c))
        .introspect(c, SchemaFilter.all("retort_history"));
  }

  /** SQLite's stored schema text, every object, in a stable order. */
  static List<String> sqliteMaster(Connection c) throws SQLException {
    return strings(
        c,
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master"
            + " WHERE tbl_name NOT LIKE 'retort%' ORDER BY type, name");
  }
}

package dev.retort.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether a table exists, asked of each server's own catalog. */
final class TableLookup {
  private TableLookup() {}

  /**
   * Runs {@code sql}, a query with a row for each match, whose parameters are the schema (only when
   * {@code schema} is not null: the caller then wrote {@code ?} where it would otherwise name the
   * current schema by an SQL expression) and the table name.
   */
  static boolean exists(Connection connection, String sql, String schema, String table)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int i = 1;
      if (schema != null) {
        ps.setString(i++, schema);
      }
      ps.setString(i, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The schema to match: a parameter, or the SQL expression naming the current one. */
  static String schemaOrCurrent(String schema, String currentSchemaSql) {
    return schema == null ? currentSchemaSql : "?";
  }
}

package dev.retort.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Catalog look-ups that PostgreSQL and MySQL answer the same way, through information_schema. */
final class InformationSchema {
  private InformationSchema() {}

  /**
   * Whether a table exists in {@code schema}, or, when it is null, in the schema that the SQL
   * expression {@code currentSchema} names (current_schema() or DATABASE()).
   */
  static boolean tableExists(
      Connection connection, String schema, String table, String currentSchema)
      throws SQLException {
    String sql =
        "SELECT 1 FROM information_schema.tables WHERE table_schema = "
            + (schema == null ? currentSchema : "?")
            + " AND table_name = ?";
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
}

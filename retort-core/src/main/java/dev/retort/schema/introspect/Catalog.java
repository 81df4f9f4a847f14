package dev.retort.schema.introspect;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small JDBC helpers for the catalog queries: bind, stream rows, read arrays. */
final class Catalog {
  private Catalog() {}

  @FunctionalInterface
  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  static void query(Connection connection, String sql, RowHandler handler, Object... params)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }

  /** A SQL array column as a list of strings (nulls kept). */
  static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<String> result = new ArrayList<>(values.length);
    for (Object value : values) {
      result.add(value == null ? null : value.toString());
    }
    return result;
  }

  /** A SQL integer array column as a list of ints. */
  static List<Integer> ints(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(v -> ((Number) v).intValue()).toList();
  }

  /** Runs catalog work, turning a driver error into a DATABASE error that says what failed. */
  static <T> T read(String what, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "could not read the "
              + what
              + " schema catalog: "
              + e.getMessage()
              + "; check that the user may read the catalog",
          e);
    }
  }
}

package dev.retort.history;

import dev.retort.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of the history table fetched as one joined value where the dialect can join them ({@link
 * Dialect#joinRows}): one call into the driver instead of one for each column of each row. Each row
 * becomes its order key and its values, each value marked so that NULL and '' stay apart, between
 * the ASCII record and unit separators. Whatever does not read back exactly (a separator inside a
 * value, rows out of order) makes {@link #read} answer null, and the caller reads row by row: the
 * join is only ever a faster way to the same rows.
 */
final class JoinedRows {
  private static final String RECORD = "\u001e";
  private static final String FIELD = "\u001f";

  /** Before every value that is not NULL: an empty field is a NULL. */
  private static final String VALUE = "=";

  private JoinedRows() {}

  /**
   * The values of {@code columns} (SQL expressions) for each row of {@code table} in the order of
   * {@code order} (an integer column); null when the dialect does not join rows or the joined value
   * does not read back exactly.
   */
  static List<String[]> read(
      Connection connection, Dialect dialect, String table, String order, List<String> columns)
      throws SQLException {
    String joined = dialect.joinRows("r", dialect.literal(RECORD));
    if (joined == null) {
      return null;
    }
    StringBuilder row = new StringBuilder(order);
    for (String column : columns) {
      row.append(" || ")
          .append(dialect.literal(FIELD))
          .append(" || COALESCE(")
          .append(dialect.literal(VALUE))
          .append(" || ")
          .append(column)
          .append(", '')");
    }
    // count(*) is what tells a separator inside a value apart: it adds a record, or a field.
    String sql =
        "SELECT count(*), "
            + joined
            + " FROM (SELECT "
            + row
            + " AS r FROM "
            + table
            + " ORDER BY "
            + order
            + ") AS h";
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      // The count as text too: in a fresh process each kind of column read sqlite-jdbc does first
      // costs it a millisecond of set-up.
      return rs.next()
          ? parse(Long.parseLong(rs.getString(1)), rs.getString(2), columns.size())
          : null;
    }
  }

  /** The rows in a joined value of {@code count} rows, or null unless it reads back exactly. */
  static List<String[]> parse(long count, String joined, int columns) {
    if (joined == null) {
      return count == 0 ? List.of() : null;
    }
    if (count < 1 || count > joined.length()) {
      return null;
    }
    List<String[]> rows = new ArrayList<>((int) count);
    long previous = Long.MIN_VALUE;
    int start = 0;
    while (start <= joined.length()) {
      int end = joined.indexOf(RECORD, start);
      end = end < 0 ? joined.length() : end;
      String[] fields = joined.substring(start, end).split(FIELD, -1);
      if (fields.length != columns + 1 || rows.size() == count) {
        return null;
      }
      long key;
      try {
        key = Long.parseLong(fields[0]);
      } catch (NumberFormatException e) {
        return null;
      }
      if (key < previous) {
        return null; // out of order: the row-by-row read orders them
      }
      previous = key;
      String[] values = new String[columns];
      for (int i = 0; i < columns; i++) {
        String field = fields[i + 1];
        if (!field.isEmpty() && !field.startsWith(VALUE)) {
          return null;
        }
        values[i] = field.isEmpty() ? null : field.substring(VALUE.length());
      }
      rows.add(values);
      start = end + 1;
    }
    return rows.size() == count ? rows : null;
  }
}

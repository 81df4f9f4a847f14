package dev.retort.schema.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Real SQLite database files for the tests, and ways to look into them. */
final class SqliteFiles {
  private SqliteFiles() {}

  static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** A new database file holding the Chinook sample database. */
  static Path chinook(Path dir) throws IOException, SQLException {
    Path file = dir.resolve("chinook.db");
    String script = dev.retort.testsupport.Fixtures.read("chinook/Chinook_Sqlite.sql");
    try (Connection c = open(file);
        Statement st = c.createStatement()) {
      st.execute("BEGIN");
      for (String sql : split(script)) {
        st.execute(sql);
      }
      st.execute("COMMIT");
    }
    return file;
  }

  /**
   * Splits a script at semicolons outside strings, quoted names and comments (enough for the
   * Chinook script, which has no trigger bodies).
   */
  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (SqlLexer.Token t : SqlLexer.tokenize(script)) {
      if (t.is(';')) {
        if (!current.toString().isBlank()) {
          out.add(current.toString());
        }
        current.setLength(0);
      } else if (!t.trivia() || current.length() > 0) {
        current.append(t.text());
      }
    }
    if (!current.toString().isBlank()
        && !SqlLexer.significant(SqlLexer.tokenize(current.toString())).isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

  /**
   * A subquery of the integers 1..n as column {@code value} (no generate_series in sqlite-jdbc).
   */
  static String series(int n) {
    return "(WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < "
        + n
        + ") SELECT value FROM s)";
  }

  static void exec(Connection c, String... sqls) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : sqls) {
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

  static String string(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

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

  /**
   * SHA-256 over every value of the query's rows with its storage class, so a changed type (an
   * integer turned text) changes the digest as much as a changed value.
   */
  static String checksum(Connection c, String sql) throws SQLException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          String cell =
              v == null
                  ? "null"
                  : v instanceof byte[]
                      ? "blob:" + HexFormat.of().formatHex((byte[]) v)
                      : v.getClass().getSimpleName() + ":" + v;
          digest.update(cell.getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
        }
        digest.update((byte) '\n');
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The schema as (type, name, tbl_name, sql) lines, in name order. */
  static List<String> schema(Connection c) throws SQLException {
    return strings(
        c,
        "SELECT type || '|' || name || '|' || tbl_name || '|' || coalesce(sql, '') FROM sqlite_master"
            + " ORDER BY type, name");
  }
}

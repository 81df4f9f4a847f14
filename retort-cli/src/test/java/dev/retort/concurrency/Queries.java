package dev.retort.concurrency;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.retort.testsupport.TestDatabase;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What the tests read from and write to a database directly, on connections of their own. */
final class Queries {
  private Queries() {}

  /** One row of the history table, as much of it as the tests look at. */
  record HistoryRow(String revision, String state, int done, int total, String error) {}

  /** The history table's rows in apply order; empty when the table does not exist. */
  static List<HistoryRow> history(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      if (!tableExists(c, "retort_history")) {
        return List.of();
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM retort_history ORDER BY apply_order")) {
        List<HistoryRow> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(
              new HistoryRow(
                  rs.getString("revision"),
                  rs.getString("state"),
                  rs.getInt("statements_done"),
                  rs.getInt("statements_total"),
                  rs.getString("error")));
        }
        return rows;
      }
    }
  }

  /** The single number {@code sql} returns. */
  static long number(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of every row {@code sql} returns, as longs. */
  static List<Long> numbers(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    }
  }

  static void execute(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  static boolean tableExists(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.connect()) {
      return tableExists(c, table);
    }
  }

  /**
   * Whether {@code table} exists in the connection's own schema (the catalog on MariaDB, {@code
   * public} on PostgreSQL).
   */
  static boolean tableExists(Connection c, String table) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String schema = product.contains("postgres") ? "public" : null;
    try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schema, table, null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(table)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Application data that no migration touches: {@code rows} customers with names in several
   * scripts, so that an encoding or page mix-up would change the checksum too.
   */
  static void createCustomers(TestDatabase db, int rows) throws SQLException {
    try (Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE customer (id INTEGER NOT NULL PRIMARY KEY,"
                + " name VARCHAR(100) NOT NULL, balance BIGINT NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO customer (id, name, balance) VALUES (?, ?, ?)")) {
        String[] names = {"Åsa Lindqvist", "Jürgen Weiß", "Zoë O'Brien", "王小明", "Ольга"};
        for (int i = 1; i <= rows; i++) {
          ps.setInt(1, i);
          ps.setString(2, names[i % names.length] + " #" + i);
          ps.setLong(3, (long) i * 7919 % 100_003 - 50_000);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  /** Row count and SHA-256 of every customer row in id order. */
  static String customersChecksum(TestDatabase db) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long count = 0;
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name, balance FROM customer ORDER BY id")) {
      while (rs.next()) {
        count++;
        String line = rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "\n";
        sha.update(line.getBytes(UTF_8));
      }
    }
    return count + " rows, sha256 " + HexFormat.of().formatHex(sha.digest());
  }
}

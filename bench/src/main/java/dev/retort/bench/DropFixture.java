package dev.retort.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database of scenario 3: {@code items} with 1,000,000 rows, a UNIQUE column, three indexes
 * (one of them on the column to drop) and an incoming foreign key from {@code order_lines}.
 * SQLite's native DROP COLUMN refuses a column that an index uses, so this drop needs a rebuild.
 */
final class DropFixture {
  static final int ROWS = 1_000_000;
  static final String TABLE = "items";
  static final String COLUMN = "legacy_code";

  /** Each step on its own line, so that it reads as the procedure of sqlite.org/lang_altertable. */
  static final String SCHEMA =
      """
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        price REAL NOT NULL CHECK (price >= 0),
        legacy_code TEXT,
        created_at TEXT NOT NULL DEFAULT '2024-01-01'
      );
      CREATE INDEX items_name ON items (name);
      CREATE INDEX items_price ON items (price);
      CREATE INDEX items_legacy_code ON items (legacy_code);
      CREATE TABLE order_lines (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items (id),
        qty INTEGER NOT NULL
      );
      CREATE INDEX order_lines_item ON order_lines (item_id);
      """;

  /**
   * The floor: the twelve-step rebuild of sqlite.org/lang_altertable.html#otheralter written by
   * hand for this table, as the sqlite3 shell runs it. Nothing is generic or checked beyond what
   * the procedure itself asks (foreign_key_check).
   */
  static final String FLOOR =
      """
      PRAGMA foreign_keys = OFF;
      BEGIN;
      CREATE TABLE items_new (
        id INTEGER PRIMARY KEY,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        price REAL NOT NULL CHECK (price >= 0),
        created_at TEXT NOT NULL DEFAULT '2024-01-01'
      );
      INSERT INTO items_new (id, sku, name, price, created_at)
        SELECT id, sku, name, price, created_at FROM items;
      DROP TABLE items;
      ALTER TABLE items_new RENAME TO items;
      CREATE INDEX items_name ON items (name);
      CREATE INDEX items_price ON items (price);
      PRAGMA foreign_key_check;
      COMMIT;
      PRAGMA foreign_keys = ON;
      """;

  private DropFixture() {}

  /** Builds the base file once (kept in the work folder) and returns it. */
  static Path base(Path work) throws Exception {
    Path file = work.resolve("drop-base-v1.db");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = work.resolve("drop-base.tmp");
    Files.deleteIfExists(tmp);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp);
        Statement st = c.createStatement()) {
      for (String sql : SCHEMA.split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
      c.setAutoCommit(false);
      st.execute(
          "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
              + ROWS
              + ") INSERT INTO items (id, sku, name, price, legacy_code)"
              + " SELECT x, 'sku-' || x, 'item ' || (x % 5000), (x % 1000) * 0.25,"
              + " 'L-' || (x % 97) FROM n");
      st.execute(
          "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)"
              + " INSERT INTO order_lines (id, item_id, qty) SELECT x, (x * 7) % "
              + ROWS
              + " + 1, x % 5 + 1 FROM n");
      c.commit();
    }
    Files.move(tmp, file);
    return file;
  }

  /** What is wrong with a database after the drop, or an empty list. */
  static List<String> problems(Path db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      if (scalar(st, "SELECT count(*) FROM items") != ROWS) {
        out.add("items lost rows");
      }
      if (scalar(st, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'legacy_code'")
          != 0) {
        out.add("legacy_code is still there");
      }
      if (scalar(
              st,
              "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'"
                  + " AND name IN ('items_name', 'items_price')")
          != 2) {
        out.add("an index of items was lost");
      }
      if (scalar(st, "SELECT count(*) FROM pragma_index_list('items') WHERE origin = 'u'") != 1) {
        out.add("the UNIQUE constraint on sku was lost");
      }
      if (scalar(st, "SELECT count(*) FROM pragma_foreign_key_list('order_lines')") != 1) {
        out.add("the foreign key of order_lines was lost");
      }
      if (scalar(st, "SELECT count(*) FROM pragma_foreign_key_check") != 0) {
        out.add("foreign_key_check reports violations");
      }
      if (scalar(st, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CHECK (price%'") != 1) {
        out.add("the CHECK constraint was lost");
      }
    }
    return out;
  }

  private static long scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

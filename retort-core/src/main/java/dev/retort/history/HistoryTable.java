package dev.retort.history;

import dev.retort.dialect.Dialect;
import dev.retort.source.Checksums;
import dev.retort.source.SqlMigrationParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history table: one row per revision applied to this database. The current heads derive from
 * it. Rows are written on the migration's own connection, inside its transaction where the database
 * allows, so a crash leaves a migration either applied and recorded or neither.
 */
public final class HistoryTable {
  private static final List<String> COLUMNS =
      List.of(
          "revision",
          "parents",
          "description",
          "kind",
          "checksum",
          "checksum_algorithm",
          "applied_at",
          "applied_by",
          "duration_ms",
          "tool_version",
          "down_script",
          "apply_order",
          "state",
          "statements_total",
          "statements_done",
          "error",
          "origin");

  /** Where the duration stands among {@link #COLUMNS}. */
  private static final int DURATION = COLUMNS.indexOf("duration_ms");

  private final Dialect dialect;

  private final String schema;
  private final String table;
  private final String qualified;
  private final boolean createSchema;

  /** "INSERT INTO t (c1, ...) VALUES (", built once: an upgrade writes it for every migration. */
  private final String insertStart;

  /** The same with its parameters: "INSERT INTO t (c1, ...) VALUES (?, ...)". */
  private final String insertBound;

  /** The table in {@code schema} (created if missing), or unqualified when schema is null. */
  public HistoryTable(Dialect dialect, String schema, String table) {
    this(dialect, schema, table, schema != null);
  }

  /**
   * @param createSchema whether {@link #create} creates the schema too; false for a schema that
   *     exists already (creating it, even IF NOT EXISTS, needs a privilege the user may not have)
   */
  public HistoryTable(Dialect dialect, String schema, String table, boolean createSchema) {
    this.dialect = dialect;
    this.schema = schema;
    this.table = table;
    this.qualified = dialect.qualify(schema, table);
    this.createSchema = createSchema && schema != null;
    this.insertStart =
        "INSERT INTO "
            + qualified
            + " ("
            + String.join(", ", COLUMNS.stream().map(dialect::quote).toList())
            + ") VALUES (";
    this.insertBound = insertStart + "?, ".repeat(COLUMNS.size() - 1) + "?)";
  }

  public String name() {
    return table;
  }

  /** The CREATE TABLE statement; idempotent. */
  public String createSql() {
    String text = dialect.largeTextType();
    return "CREATE TABLE IF NOT EXISTS "
        + qualified
        + " ("
        + col("revision")
        + " VARCHAR(191) NOT NULL PRIMARY KEY, "
        + col("parents")
        + " VARCHAR(2000) NOT NULL, "
        + col("description")
        + " VARCHAR(1000) NOT NULL, "
        + col("kind")
        + " VARCHAR(16) NOT NULL, "
        + col("checksum")
        + " VARCHAR(128), "
        + col("checksum_algorithm")
        + " VARCHAR(32), "
        + col("applied_at")
        + " VARCHAR(40) NOT NULL, "
        + col("applied_by")
        + " VARCHAR(255) NOT NULL, "
        + col("duration_ms")
        + " BIGINT NOT NULL, "
        + col("tool_version")
        + " VARCHAR(32) NOT NULL, "
        + col("down_script")
        + " "
        + text
        + ", "
        + col("apply_order")
        + " BIGINT NOT NULL, "
        + col("state")
        + " VARCHAR(16) NOT NULL, "
        + col("statements_total")
        + " INTEGER NOT NULL, "
        + col("statements_done")
        + " INTEGER NOT NULL, "
        + col("error")
        + " "
        + text
        + ", "
        + col("origin")
        + " VARCHAR(1000))";
  }

  /** Creates the table (and its schema) if missing. */
  public void create(Connection connection) throws SQLException {
    if (createSchema) {
      dialect.ensureSchema(connection, schema);
    }
    try (Statement st = connection.createStatement()) {
      st.execute(createSql());
    }
  }

  /**
   * All rows in the order they were applied, in one query; empty when the table does not exist yet.
   * Runs on an autocommit connection: a failed SELECT must not abort a transaction.
   */
  public Optional<List<HistoryRow>> read(Connection connection) throws SQLException {
    return read(connection, true);
  }

  /**
   * Like {@link #read(Connection)}; without {@code details}, only what tells whether a database is
   * up to date with the source (revision, parents, checksum and algorithm, state), and every other
   * field is null or 0. Upgrade's lock-free check reads this way: on a no-op upgrade this query is
   * a good part of the time, and each column read costs (docs/benchmarks.md).
   */
  public Optional<List<HistoryRow>> read(Connection connection, boolean details)
      throws SQLException {
    try {
      return Optional.of(select(connection, details));
    } catch (SQLException e) {
      // The first run finds no table; any other failure is real and goes up.
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      if (!dialect.tableExists(connection, schema, table)) {
        return Optional.empty();
      }
      // Another process's first upgrade may have created the table between our SELECT and the
      // check: read once more. A table that really cannot be read fails the same way again.
      try {
        return Optional.of(select(connection, details));
      } catch (SQLException again) {
        again.addSuppressed(e);
        throw again;
      }
    }
  }

  private List<HistoryRow> select(Connection connection, boolean details) throws SQLException {
    if (!details) {
      List<String[]> joined =
          JoinedRows.read(connection, dialect, qualified, col("apply_order"), light());
      if (joined != null) {
        List<HistoryRow> rows = new ArrayList<>(joined.size());
        for (String[] row : joined) {
          rows.add(light(row[0], row[1], row[2]));
        }
        return rows;
      }
    }
    String sql =
        "SELECT "
            + String.join(", ", details ? COLUMNS.stream().map(this::col).toList() : light())
            + " FROM "
            + qualified
            + " ORDER BY "
            + col("apply_order");
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<HistoryRow> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(details ? full(rs) : light(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
      return rows;
    }
  }

  /**
   * The light read's columns: revision, parents, and one that folds state, checksum and algorithm
   * together, since each column read costs a call into the driver per row (on SQLite a good part of
   * a no-op's time next to the schema load): for an applied row with the current algorithm its
   * checksum ('!', which matches none, for an empty one), '' for any other applied row (nothing to
   * compare), null for any other state. Compared byte for byte, as Java compares the full read's
   * values. Built from constants only. Where the dialect joins rows, all of them come as one value
   * ({@link JoinedRows}).
   */
  private List<String> light() {
    return List.of(
        col("revision"),
        col("parents"),
        "CASE WHEN "
            + dialect.exact(col("state"))
            + " = "
            + dialect.literal(HistoryRow.State.APPLIED.dbValue())
            + " THEN CASE WHEN "
            + dialect.exact(col("checksum_algorithm"))
            + " = "
            + dialect.literal(Checksums.ALGORITHM)
            + " THEN COALESCE(CASE WHEN "
            + col("checksum")
            + " = '' THEN '!' ELSE "
            + col("checksum")
            + " END, '') ELSE '' END END");
  }

  private static HistoryRow full(ResultSet rs) throws SQLException {
    return new HistoryRow(
        rs.getString(1),
        splitParents(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getLong(9),
        rs.getString(10),
        rs.getString(11),
        rs.getLong(12),
        HistoryRow.State.fromDb(rs.getString(1), rs.getString(13)),
        rs.getInt(14),
        rs.getInt(15),
        rs.getString(16),
        rs.getString(17));
  }

  /**
   * A row of the light read ({@link #light()}). A row in any state but applied reads as running:
   * all the light read must tell is that the row is not applied, and the full read that follows
   * says what it is.
   */
  private static HistoryRow light(String revision, String parents, String checksum) {
    boolean applied = checksum != null;
    boolean comparable = applied && !checksum.isEmpty();
    return new HistoryRow(
        revision,
        splitParents(parents),
        null,
        null,
        comparable ? checksum : null,
        comparable ? Checksums.ALGORITHM : null,
        null,
        null,
        0,
        null,
        null,
        0,
        applied ? HistoryRow.State.APPLIED : HistoryRow.State.RUNNING,
        0,
        0,
        null,
        null);
  }

  /**
   * The recorded durations of the rows whose apply order is from {@code first} to {@code last}, by
   * revision: which migrations of a batch committed, and how long the server took for each.
   */
  public Map<String, Long> durations(Connection connection, long first, long last)
      throws SQLException {
    String sql =
        "SELECT "
            + col("revision")
            + ", "
            + col("duration_ms")
            + " FROM "
            + qualified
            + " WHERE "
            + col("apply_order")
            + " BETWEEN ? AND ?";
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, first);
      ps.setLong(2, last);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  public void insert(Connection connection, HistoryRow row) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(insertBound)) {
      Object[] values = values(row);
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }

  /**
   * Records progress or the outcome of a migration that runs without a transaction. The checksum
   * and down script are written too: a migration resumed after its file was fixed is recorded as
   * the fixed file.
   */
  public void update(Connection connection, HistoryRow row) throws SQLException {
    String sql =
        "UPDATE "
            + qualified
            + " SET "
            + String.join(
                ", ",
                List.of(
                        "state",
                        "statements_done",
                        "statements_total",
                        "error",
                        "duration_ms",
                        "checksum",
                        "checksum_algorithm",
                        "down_script")
                    .stream()
                    .map(c -> col(c) + " = ?")
                    .toList())
            + " WHERE "
            + col("revision")
            + " = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, row.state().dbValue());
      ps.setInt(2, row.statementsDone());
      ps.setInt(3, row.statementsTotal());
      ps.setString(4, row.error());
      ps.setLong(5, row.durationMillis());
      ps.setString(6, row.checksum());
      ps.setString(7, row.checksumAlgorithm());
      ps.setString(8, row.downScript());
      ps.setString(9, row.revision());
      ps.executeUpdate();
    }
  }

  public void delete(Connection connection, String revision) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "DELETE FROM " + qualified + " WHERE " + col("revision") + " = ?")) {
      ps.setString(1, revision);
      ps.executeUpdate();
    }
  }

  /**
   * Rewrites a row as it is. A commit that waits for the disk only waits when it wrote something;
   * this is the smallest write that is Retort's own, so that its commit makes the commits before it
   * durable ({@link dev.retort.dialect.Dialect#deferFlush}).
   */
  public void rewrite(Connection connection, String revision) throws SQLException {
    String order = col("apply_order");
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE "
                + qualified
                + " SET "
                + order
                + " = "
                + order
                + " WHERE "
                + col("revision")
                + " = ?")) {
      ps.setString(1, revision);
      ps.executeUpdate();
    }
  }

  /** The INSERT as literal SQL, for offline scripts. */
  public String insertSql(HistoryRow row) {
    return insertSql(row, null);
  }

  /**
   * The INSERT as literal SQL, for a batch that cannot bind parameters; {@code durationSql}, when
   * not null, is an expression the server computes the duration with, in place of the row's.
   */
  public String insertSql(HistoryRow row, String durationSql) {
    StringBuilder sb = new StringBuilder(insertStart);
    Object[] values = values(row);
    for (int i = 0; i < values.length; i++) {
      boolean computed = durationSql != null && i == DURATION;
      sb.append(i == 0 ? "" : ", ").append(computed ? durationSql : literal(values[i]));
    }
    return sb.append(")").toString();
  }

  /** The DELETE as literal SQL, for offline scripts. */
  public String deleteSql(String revision) {
    return "DELETE FROM " + qualified + " WHERE " + col("revision") + " = " + literal(revision);
  }

  private Object[] values(HistoryRow row) {
    return new Object[] {
      row.revision(),
      String.join(" ", row.parents()),
      truncate(row.description(), 1000),
      row.kind(),
      row.checksum(),
      row.checksumAlgorithm(),
      row.appliedAt(),
      truncate(row.appliedBy(), 255),
      row.durationMillis(),
      row.toolVersion(),
      row.downScript(),
      row.applyOrder(),
      row.state().dbValue(),
      row.statementsTotal(),
      row.statementsDone(),
      row.error(),
      truncate(row.origin(), 1000)
    };
  }

  private String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    return value instanceof Number ? value.toString() : dialect.literal(value.toString());
  }

  private String col(String name) {
    return dialect.quote(name);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** The stored parents: the same list as a file's 'retort:parents' line, space-separated. */
  static List<String> splitParents(String parents) {
    return parents == null ? List.of() : SqlMigrationParser.words(parents);
  }
}

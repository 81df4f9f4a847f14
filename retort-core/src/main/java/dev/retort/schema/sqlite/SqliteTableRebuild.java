package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqlLexer.quote;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.RebuildPlan.Kind;
import dev.retort.schema.sqlite.RebuildPlan.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a table the way SQLite documents for everything its ALTER TABLE cannot do: the 12 steps
 * of sqlite.org/lang_altertable.html#otheralter. A new table {@code _retort_new_<table>} is created
 * from the changed definition, the rows are copied (rowids and the AUTOINCREMENT counter kept), the
 * old table is dropped, the new one renamed, and indexes, triggers and views are recreated from
 * their original text, then checked, all in one transaction.
 *
 * <p>Contract: {@link #run} owns the transaction and needs a connection in autocommit mode, because
 * {@code PRAGMA foreign_keys} — which must be OFF so that DROP TABLE does not delete or cascade
 * into child rows — is a no-op inside a transaction (sqlite.org/foreignkeys.html, section 2).
 * {@link #runInTransaction} is for callers already in a transaction: it needs foreign_keys already
 * OFF and works inside a SAVEPOINT, leaving the commit to the caller.
 *
 * <p>Foreign keys are checked before commit with {@code PRAGMA foreign_key_check} on the table and
 * on every table referring to it; any broken row rolls everything back.
 */
public final class SqliteTableRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteTableRebuild.class);
  private static final String SAVEPOINT = "retort_rebuild";

  /**
   * What a rebuild did. {@code droppedIndexes} are indexes that used a dropped column and were not
   * recreated; {@code droppedLeftover} names the leftover table of an interrupted rebuild that was
   * removed first, or is null.
   */
  public record Result(
      String table,
      long rowsCopied,
      List<String> droppedIndexes,
      List<String> recreatedIndexes,
      List<String> recreatedTriggers,
      List<String> recreatedViews,
      String droppedLeftover) {}

  private final String table;
  private final UnaryOperator<SqliteTableDefinition> change;
  private final ProgressListener listener;
  private final int chunkRows;

  private SqliteTableRebuild(
      String table,
      UnaryOperator<SqliteTableDefinition> change,
      ProgressListener listener,
      int chunkRows) {
    this.table = Objects.requireNonNull(table, "table");
    this.change = Objects.requireNonNull(change, "change");
    this.listener = listener;
    this.chunkRows = chunkRows;
  }

  /** A rebuild of {@code table} into the definition {@code change} makes of its current one. */
  public static SqliteTableRebuild of(String table, UnaryOperator<SqliteTableDefinition> change) {
    return new SqliteTableRebuild(table, change, null, 100_000);
  }

  /**
   * Reports copy progress. With a listener, rowid tables are copied in chunks of rowid ranges;
   * without one, in a single INSERT ... SELECT, which is fastest.
   */
  public SqliteTableRebuild withProgress(ProgressListener progress) {
    return new SqliteTableRebuild(table, change, progress, chunkRows);
  }

  /** Rows per chunk when a progress listener is set (default 100,000). */
  public SqliteTableRebuild withChunkRows(int rows) {
    if (rows < 1) {
      throw new RetortException(ErrorCode.USAGE, "chunk size must be at least 1 row, not " + rows);
    }
    return new SqliteTableRebuild(table, change, listener, rows);
  }

  /**
   * Runs the rebuild in its own transaction. Needs autocommit on; turns foreign_keys off for the
   * duration and back to what it was.
   */
  public Result run(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        throw new RetortException(
            ErrorCode.USAGE,
            "rebuilding table "
                + table
                + " needs a connection in autocommit mode: PRAGMA foreign_keys cannot change"
                + " inside a transaction; commit first, or set foreign_keys OFF before the"
                + " transaction and use runInTransaction");
      }
      boolean foreignKeys = flag(connection, "foreign_keys");
      if (foreignKeys) {
        exec(connection, "PRAGMA foreign_keys = OFF");
        if (flag(connection, "foreign_keys")) {
          throw new RetortException(
              ErrorCode.USAGE,
              "cannot turn PRAGMA foreign_keys off to rebuild table "
                  + table
                  + ": a transaction is open on this connection; commit or roll it back first");
        }
      }
      try {
        begin(connection);
        boolean committed = false;
        try {
          Result result = rebuild(connection);
          exec(connection, "COMMIT");
          committed = true;
          return result;
        } finally {
          if (!committed) {
            quietly(connection, "ROLLBACK");
          }
        }
      } finally {
        if (foreignKeys) {
          quietly(connection, "PRAGMA foreign_keys = ON");
        }
      }
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "table " + table + " was not changed: " + RebuildChecks.sqliteMessage(e),
          e);
    }
  }

  /**
   * Runs the rebuild inside the caller's transaction, as a SAVEPOINT that is rolled back on
   * failure. Needs autocommit off and foreign_keys already OFF (set before the transaction began).
   */
  public Result runInTransaction(Connection connection) {
    try {
      if (connection.getAutoCommit()) {
        throw new RetortException(
            ErrorCode.USAGE,
            "runInTransaction for table " + table + " needs an open transaction; use run()");
      }
      if (flag(connection, "foreign_keys")) {
        throw new RetortException(
            ErrorCode.USAGE,
            "cannot rebuild table "
                + table
                + " in this transaction: PRAGMA foreign_keys is ON, so dropping the old table would"
                + " delete or cascade into child rows; set it OFF before the transaction begins");
      }
      exec(connection, "SAVEPOINT " + SAVEPOINT);
      try {
        Result result = rebuild(connection);
        exec(connection, "RELEASE " + SAVEPOINT);
        return result;
      } catch (RuntimeException | Error e) {
        quietly(connection, "ROLLBACK TO " + SAVEPOINT);
        quietly(connection, "RELEASE " + SAVEPOINT);
        throw e;
      }
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "table " + table + " was not changed: " + RebuildChecks.sqliteMessage(e),
          e);
    }
  }

  /**
   * The rebuild as SQL text, one statement per element (comments included), for offline output;
   * reads the schema but changes nothing. The checks of views and triggers are not in it; a row
   * returned by its {@code foreign_key_check} means the operator must ROLLBACK instead of COMMIT.
   */
  public List<String> statements(Connection connection) {
    try {
      boolean foreignKeys = flag(connection, "foreign_keys");
      RebuildPlan plan = plan(connection);
      List<String> out = new ArrayList<>();
      StringBuilder head =
          new StringBuilder("-- Rebuild of table ")
              .append(quote(plan.table))
              .append(
                  " (sqlite.org/lang_altertable.html#otheralter); run outside a transaction.\n");
      for (String note : plan.notes) {
        head.append("-- ").append(note).append('\n');
      }
      out.add(head + "PRAGMA foreign_keys = OFF");
      out.add("BEGIN IMMEDIATE");
      for (Step step : plan.steps) {
        if (step.kind() != Kind.CREATE_TEMP_TRIGGER) { // belongs to this session only
          out.add(step.sql());
        }
      }
      List<String> checked = new ArrayList<>(List.of(plan.table));
      plan.dependents.childTables.stream()
          .filter(t -> checked.stream().noneMatch(t::equalsIgnoreCase))
          .forEach(checked::add);
      for (String t : checked) {
        out.add(
            "-- A row returned means a broken foreign key: ROLLBACK instead of COMMIT.\n"
                + "PRAGMA foreign_key_check("
                + quote(t)
                + ")");
      }
      out.add("COMMIT");
      if (foreignKeys) {
        out.add("PRAGMA foreign_keys = ON");
      }
      return out;
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot read the schema of table " + table + ": " + RebuildChecks.sqliteMessage(e),
          e);
    }
  }

  private RebuildPlan plan(Connection connection) throws SQLException {
    Dependents d = Dependents.read(connection, table);
    if (d == null) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "there is no table "
              + table
              + "; the tables are "
              + String.join(", ", Dependents.tableNames(connection)));
    }
    if (d.table.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
      throw new RetortException(
          ErrorCode.USAGE, "table " + d.table + " belongs to SQLite and cannot be rebuilt");
    }
    SqliteTableDefinition original = SqliteTableDefinition.parse(d.sql);
    SqliteTableDefinition changed = change.apply(original);
    return RebuildPlan.create(d, original, changed, flag(connection, "legacy_alter_table"));
  }

  private Result rebuild(Connection connection) throws SQLException {
    long started = System.nanoTime();
    RebuildPlan plan = plan(connection);
    boolean legacy = flag(connection, "legacy_alter_table");
    long rows = 0;
    List<String> indexes = new ArrayList<>();
    List<String> triggers = new ArrayList<>();
    List<String> views = new ArrayList<>();
    try {
      for (Step step : plan.steps) {
        if (step.kind() == Kind.DROP_LEFTOVER) {
          LOG.warn(
              "Dropping table {} left over by an interrupted rebuild of table {}",
              plan.dependents.leftover,
              plan.table);
        }
        if (step.kind() == Kind.COPY) {
          rows = copy(connection, plan, step);
        } else {
          execute(connection, plan, step);
        }
        String name = step.what().substring(step.what().lastIndexOf(' ') + 1);
        switch (step.kind()) {
          case CREATE_INDEX:
            indexes.add(name);
            break;
          case CREATE_TRIGGER:
          case CREATE_TEMP_TRIGGER:
            triggers.add(name);
            break;
          case CREATE_VIEW:
            views.add(name);
            break;
          default:
            break;
        }
      }
    } finally {
      quietly(connection, "PRAGMA legacy_alter_table = " + (legacy ? "ON" : "OFF"));
    }
    RebuildChecks.viewsAndTriggers(connection, plan.dependents);
    List<String> broken = RebuildChecks.foreignKeys(connection, plan.dependents);
    if (!broken.isEmpty()) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "table "
              + plan.table
              + " was not changed: the change would break foreign keys: "
              + String.join("; ", broken.subList(0, Math.min(5, broken.size())))
              + (broken.size() > 5 ? " (and " + (broken.size() - 5) + " more)" : "")
              + "; fix the data or the change");
    }
    for (String note : plan.notes) {
      LOG.warn("Rebuild of table {}: {}", plan.table, note);
    }
    LOG.info(
        "Rebuilt table {} ({} rows) in {} ms",
        plan.table,
        rows,
        (System.nanoTime() - started) / 1_000_000);
    return new Result(
        plan.table,
        rows,
        List.copyOf(plan.droppedIndexes),
        List.copyOf(indexes),
        List.copyOf(triggers),
        List.copyOf(views),
        plan.dependents.leftover);
  }

  /**
   * Copies the rows: one INSERT ... SELECT, or with a listener, rowid ranges of {@code chunkRows}
   * rows found by seeking the old table's rowid b-tree, so each chunk is a range scan.
   */
  private long copy(Connection c, RebuildPlan plan, Step step) throws SQLException {
    String rowid = plan.copy.oldRowid();
    if (listener == null || rowid == null) {
      long n = execute(c, plan, step);
      if (listener != null) {
        listener.progress(n, n);
      }
      return n;
    }
    long total;
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + quote(plan.table));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      total = rs.getLong(1);
    }
    String bound =
        "SELECT "
            + rowid
            + " FROM "
            + quote(plan.table)
            + " WHERE "
            + rowid
            + " >= ? ORDER BY "
            + rowid
            + " LIMIT 1 OFFSET ?";
    long copied = 0;
    try (PreparedStatement next = c.prepareStatement(bound);
        PreparedStatement range =
            c.prepareStatement(step.sql() + " WHERE " + rowid + " >= ? AND " + rowid + " <= ?");
        PreparedStatement rest = c.prepareStatement(step.sql() + " WHERE " + rowid + " >= ?")) {
      long from = Long.MIN_VALUE;
      while (true) {
        next.setLong(1, from);
        next.setLong(2, chunkRows - 1);
        Long to = null;
        try (ResultSet rs = next.executeQuery()) {
          if (rs.next()) {
            to = rs.getLong(1);
          }
        }
        PreparedStatement chunk = to == null ? rest : range;
        chunk.setLong(1, from);
        if (to != null) {
          chunk.setLong(2, to);
        }
        copied += chunk.executeUpdate();
        listener.progress(copied, total);
        if (to == null || to == Long.MAX_VALUE) {
          return copied;
        }
        from = to + 1;
      }
    } catch (SQLException e) {
      throw failed(plan, step, e);
    }
  }

  private static long execute(Connection c, RebuildPlan plan, Step step) {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(step.sql());
    } catch (SQLException e) {
      throw failed(plan, step, e);
    }
  }

  private static RetortException failed(RebuildPlan plan, Step step, SQLException e) {
    String hint =
        step.kind() == Kind.COPY
            ? "; the existing rows do not fit the new definition of the table"
            : "";
    return new RetortException(
        ErrorCode.MIGRATION_FAILED,
        "table "
            + plan.table
            + " was not changed: "
            + step.what()
            + " failed ("
            + RebuildChecks.sqliteMessage(e).replace(plan.temp, plan.table)
            + ")"
            + hint,
        e);
  }

  private void begin(Connection connection) throws SQLException {
    try {
      exec(connection, "BEGIN IMMEDIATE");
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("within a transaction")) {
        throw new RetortException(
            ErrorCode.USAGE,
            "cannot rebuild table "
                + table
                + ": a transaction is already open on this connection; use runInTransaction",
            e);
      }
      throw e;
    }
  }

  static boolean flag(Connection connection, String pragma) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
      return rs.next() && rs.getInt(1) != 0;
    }
  }

  private static void exec(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }

  private static void quietly(Connection connection, String sql) {
    try {
      exec(connection, sql);
    } catch (SQLException e) {
      LOG.error("Could not run '{}' after a table rebuild: {}", sql, e.getMessage());
    }
  }
}

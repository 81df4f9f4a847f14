package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.split.PostgresSplitter;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import dev.retort.lock.PostgresAdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL 13 and later. Transactional DDL; a session-level advisory lock on a dedicated
 * connection (a transaction-scoped one deadlocks with CREATE INDEX CONCURRENTLY, flyway #3961).
 */
public final class PostgresDialect implements Dialect {
  private static final SqlSplitter SPLITTER = new PostgresSplitter();

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public SqlSplitter splitter() {
    return SPLITTER;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String largeTextType() {
    return "TEXT";
  }

  @Override
  public String currentSchema(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_schema()")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public String historySchema(Connection connection, String table) throws SQLException {
    // to_regclass resolves the quoted name through the search path, as an unqualified SELECT
    // does, and gives null where no schema on the path has it. Not a session's temporary table
    // (pg_temp comes first on every path), and not one this user may not read and write: that
    // is another application's history, and this one's goes where it would without it.
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT COALESCE((SELECT n.nspname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(quote_ident(?)) AND c.relpersistence <> 't'"
                + " AND has_table_privilege(c.oid, 'SELECT, INSERT')), current_schema())")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Override
  public void ensureSchema(Connection connection, String schema) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
  }

  @Override
  public void configureSession(Connection connection, SessionSettings settings)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      if (settings.schema() != null) {
        // The configured schema first, public after it so that extensions installed there
        // (uuid-ossp, citext, ...) still resolve.
        st.execute("SET search_path TO " + quote(settings.schema()) + ", public");
      }
      if (settings.lockTimeout() != null) {
        st.execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
      }
      if (settings.statementTimeout() != null) {
        st.execute("SET statement_timeout = " + settings.statementTimeout().toMillis());
      }
    }
  }

  /**
   * {@code RESET ALL}: every setting the command or its migrations changed with {@code SET} or
   * {@code set_config(..., false)} (pg_dump output sets {@code search_path} to {@code ''}, {@code
   * check_function_bodies}, {@code row_security}, ...) goes back to the value the session started
   * with, URL and role defaults included.
   */
  @Override
  public void resetSession(Connection connection, SessionSettings settings) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("RESET ALL");
    }
  }

  /**
   * Remembers the settings the session had changed before the command (source {@code session} in
   * pg_settings: a pool's initialisation SQL such as {@code SET search_path TO app}); after {@code
   * RESET ALL} they are set again, so the connection goes back exactly as it came.
   */
  @Override
  public SessionRestore startSession(Connection connection, SessionSettings settings)
      throws SQLException {
    Map<String, String> before = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name, current_setting(name) FROM pg_settings WHERE source = 'session'")) {
      while (rs.next()) {
        before.put(rs.getString(1), rs.getString(2));
      }
    }
    configureSession(connection, settings);
    return () -> {
      resetSession(connection, settings);
      setConfig(connection, before);
    };
  }

  /** Sets each of the session's settings to its value, as SET would. */
  private static void setConfig(Connection connection, Map<String, String> settings)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        ps.setString(1, setting.getKey());
        ps.setString(2, setting.getValue());
        ps.executeQuery().close();
      }
    }
  }

  /**
   * {@code synchronous_commit = off} for this session: a commit returns once its WAL is in memory,
   * and the WAL writer flushes it within three times {@code wal_writer_delay} (200 ms by default);
   * nor does it wait for a synchronous standby. A server crash or a failover in that window loses
   * the newest commits whole (never one without those before it), so a migration and its history
   * row still stand or fall together. {@code DROP TABLE} and friends still commit synchronously:
   * PostgreSQL forces that where a commit deletes files.
   */
  @Override
  public DeferredFlush deferFlush(Connection connection) throws SQLException {
    String before;
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_commit')")) {
        rs.next();
        before = rs.getString(1);
      }
      st.execute("SET synchronous_commit = off");
    }
    return c -> setConfig(c, Map.of("synchronous_commit", before));
  }

  /**
   * pgjdbc's default query mode ({@code extended}, and {@code extendedCacheEverything}) sends a
   * batch as one pipeline of the extended protocol, whose server skips every entry after an error
   * up to the batch's end. Its other modes ({@code preferQueryMode=simple}, {@code
   * extendedForPrepared}) send a plain statement's entries as separate queries, and the ones after
   * a failure still run; so might other drivers, for all Retort knows. The mode is asked through
   * pgjdbc's own interface, found by name (retort-core cannot compile against the driver) from the
   * connection's class loader, which sees the driver wherever a pool's wrapper is loaded.
   */
  @Override
  public boolean pipelinesBatches(Connection connection) {
    try {
      Class<?> pg =
          Class.forName(
              "org.postgresql.PGConnection", false, connection.getClass().getClassLoader());
      if (!connection.isWrapperFor(pg)) {
        return false;
      }
      Object mode = pg.getMethod("getPreferQueryMode").invoke(connection.unwrap(pg));
      String value = String.valueOf(mode.getClass().getMethod("value").invoke(mode));
      return value.equals("extended") || value.equals("extendedCacheEverything");
    } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String elapsedMillisSql() {
    // transaction_timestamp() is when the migration's first statement began its transaction.
    return "(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::bigint";
  }

  /**
   * With a backslash, an escape string: a plain literal keeps backslashes only while
   * standard_conforming_strings is on, and a server may have it off.
   */
  @Override
  public String literal(String value) {
    String quoted = value.replace("'", "''");
    return value.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
  }

  @Override
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    // pg_catalog, not information_schema: its tables view checks privileges row by row and costs
    // a few milliseconds in a new session, on every first upgrade. Any relation of that name
    // counts, whatever the user's privileges on it: the read that follows then reports what is
    // wrong (permission denied, a view without the columns) instead of a first upgrade that plans
    // every migration again and then fails to write a table it cannot see.
    return TableLookup.exists(
        connection,
        "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = "
            + TableLookup.schemaOrCurrent(schema, "current_schema()")
            + " AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
        schema,
        table);
  }

  @Override
  public MigrationLock migrationLock(ConnectionSource source, String jdbcUrl, String schema) {
    return new PostgresAdvisoryLock(source, "retort:" + (schema == null ? "public" : schema));
  }

  @Override
  public Scratch createScratch(ScratchRequest live, String name) throws SQLException {
    if (live.connector() == null || live.jdbcUrl() == null) {
      throw new RetortException(
          ErrorCode.CONFIG,
          "a PostgreSQL replay needs a scratch database: Retort was given a DataSource, so give an"
              + " empty database with scratchUrl(...) (CLI: --scratch-url) or configure url(...)");
    }
    String q = quote(name);
    try {
      return Scratches.database(
          live.source(),
          name,
          "CREATE DATABASE " + q,
          // WITH (FORCE), PostgreSQL 13+: a replay's leftover session must not keep it alive.
          "DROP DATABASE IF EXISTS " + q + " WITH (FORCE)",
          live.connector().apply(urlWithDatabase(live.jdbcUrl(), name)));
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot create a scratch database to replay the migrations into ("
              + dev.retort.execute.SqlErrors.oneLine(e.getMessage())
              + "); give an empty database with --scratch-url",
          e);
    }
  }

  /** The URL with its database name replaced: {@code jdbc:postgresql://host:port/NAME?params}. */
  static String urlWithDatabase(String jdbcUrl, String database) {
    String prefix = "jdbc:postgresql:";
    String rest = jdbcUrl.substring(prefix.length());
    int query = rest.indexOf('?');
    String params = query < 0 ? "" : rest.substring(query);
    String path = query < 0 ? rest : rest.substring(0, query);
    if (!path.startsWith("//")) {
      return prefix + database + params; // jdbc:postgresql:dbname
    }
    int slash = path.indexOf('/', 2);
    String hosts = slash < 0 ? path : path.substring(0, slash);
    return prefix + hosts + "/" + database + params;
  }
}

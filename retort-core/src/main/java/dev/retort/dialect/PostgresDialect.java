package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.split.PostgresSplitter;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import dev.retort.lock.PostgresAdvisoryLock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

  @Override
  public void resetSession(Connection connection, SessionSettings settings) throws SQLException {
    try (Statement st = connection.createStatement()) {
      if (settings.schema() != null) {
        st.execute("RESET search_path");
      }
      if (settings.lockTimeout() != null) {
        st.execute("RESET lock_timeout");
      }
      if (settings.statementTimeout() != null) {
        st.execute("RESET statement_timeout");
      }
    }
  }

  @Override
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    return InformationSchema.tableExists(connection, schema, table, "current_schema()");
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
              + e.getMessage().lines().findFirst().orElse("")
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

package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.dialect.split.PostgresSplitter;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import dev.retort.lock.PostgresAdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    String sql =
        schema == null
            ? "SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?"
            : "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?";
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

  @Override
  public MigrationLock migrationLock(ConnectionSource source, String jdbcUrl, String schema) {
    return new PostgresAdvisoryLock(source, "retort:" + (schema == null ? "public" : schema));
  }

  @Override
  public Scratch createScratch(ConnectionSource source, String name) throws SQLException {
    String q = quote(name);
    return Scratches.server(
        source,
        name,
        "CREATE SCHEMA " + q,
        "DROP SCHEMA IF EXISTS " + q + " CASCADE",
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + q + ", public");
          }
        });
  }
}

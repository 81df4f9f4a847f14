package dev.retort.dialect;

import dev.retort.ConnectionSource;
import dev.retort.dialect.split.MySqlSplitter;
import dev.retort.dialect.split.SqlSplitter;
import dev.retort.lock.MigrationLock;
import dev.retort.lock.MySqlNamedLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MariaDB 10.6+ and MySQL 8+. Every DDL statement commits implicitly, so {@link
 * #transactionalDdl()} is false and the engine records statement-level progress instead.
 */
public final class MySqlDialect implements Dialect {
  private static final SqlSplitter SPLITTER = new MySqlSplitter();

  private final boolean mariadb;

  public MySqlDialect(boolean mariadb) {
    this.mariadb = mariadb;
  }

  @Override
  public String name() {
    return "mysql";
  }

  /** True for MariaDB, whose statement timeout is named differently from MySQL's. */
  public boolean isMariaDb() {
    return mariadb;
  }

  @Override
  public boolean transactionalDdl() {
    return false;
  }

  @Override
  public SqlSplitter splitter() {
    return SPLITTER;
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public String literal(String value) {
    // Without NO_BACKSLASH_ESCAPES, MySQL reads a backslash in a string as an escape.
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public String scriptStatement(String sql) {
    // The mysql client splits on ';' unless told otherwise: bodies of routines need DELIMITER.
    return sql.contains(";") ? "DELIMITER $$\n" + sql + "$$\nDELIMITER ;" : sql + ";";
  }

  @Override
  public String largeTextType() {
    return "LONGTEXT";
  }

  @Override
  public String currentSchema(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void ensureSchema(Connection connection, String schema) {
    // A MySQL schema is a database, named in the JDBC URL; Retort does not create databases.
  }

  @Override
  public void configureSession(Connection connection, SessionSettings settings)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      if (settings.lockTimeout() != null) {
        long seconds = Math.max(1, settings.lockTimeout().toSeconds());
        st.execute("SET SESSION lock_wait_timeout = " + seconds);
      }
      if (settings.statementTimeout() != null) {
        if (mariadb) {
          double seconds = settings.statementTimeout().toMillis() / 1000.0;
          st.execute("SET SESSION max_statement_time = " + seconds);
        } else {
          st.execute("SET SESSION max_execution_time = " + settings.statementTimeout().toMillis());
        }
      }
    }
  }

  @Override
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    String sql =
        schema == null
            ? "SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?"
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
    // GET_LOCK names are server-wide and at most 64 characters.
    String name = "retort:" + (schema == null ? "" : schema);
    return new MySqlNamedLock(source, name.length() > 64 ? name.substring(0, 64) : name);
  }

  @Override
  public Scratch createScratch(ConnectionSource source, String name) throws SQLException {
    String q = quote(name);
    return Scratches.server(
        source,
        name,
        "CREATE DATABASE " + q,
        "DROP DATABASE IF EXISTS " + q,
        c -> c.setCatalog(name));
  }
}

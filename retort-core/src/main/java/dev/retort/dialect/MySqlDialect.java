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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
  public String exact(String expression) {
    return "CAST(" + expression + " AS BINARY)";
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
        if (isMariaDbServer(connection)) {
          double seconds = settings.statementTimeout().toMillis() / 1000.0;
          st.execute("SET SESSION max_statement_time = " + seconds);
        } else {
          st.execute("SET SESSION max_execution_time = " + settings.statementTimeout().toMillis());
        }
      }
    }
  }

  @Override
  public void resetSession(Connection connection, SessionSettings settings) throws SQLException {
    // SET SESSION x = DEFAULT takes the global value again.
    try (Statement st = connection.createStatement()) {
      if (settings.lockTimeout() != null) {
        st.execute("SET SESSION lock_wait_timeout = DEFAULT");
      }
      if (settings.statementTimeout() != null) {
        st.execute(
            "SET SESSION "
                + (isMariaDbServer(connection) ? "max_statement_time" : "max_execution_time")
                + " = DEFAULT");
      }
    }
  }

  /**
   * What a migration's {@code SET} or {@code USE} leaves on the session and the application would
   * not expect, restored when they differ from before the command: the current database ({@code USE
   * other}, put back with {@link Connection#setCatalog}), and the variables scripts commonly switch
   * off and forget ({@code SET FOREIGN_KEY_CHECKS = 0}, ...). A connection without a database
   * cannot get that back (MySQL has no "no database" to return to) and keeps the other.
   */
  @Override
  public SessionRestore startSession(Connection connection, SessionSettings settings)
      throws SQLException {
    String catalog = connection.getCatalog();
    List<Object> before = values(connection);
    configureSession(connection, settings);
    return () -> {
      resetSession(connection, settings);
      if (catalog != null && !catalog.equals(currentDatabase(connection))) {
        connection.setCatalog(catalog);
      }
      List<Object> now = values(connection);
      for (int i = 0; i < RESTORED.size(); i++) {
        if (!Objects.equals(before.get(i), now.get(i))) {
          try (PreparedStatement ps =
              connection.prepareStatement("SET SESSION " + RESTORED.get(i) + " = ?")) {
            ps.setObject(1, before.get(i));
            ps.execute();
          }
        }
      }
    };
  }

  /** Session variables put back after a command; names are fixed, values bound. */
  private static final List<String> RESTORED =
      List.of("foreign_key_checks", "unique_checks", "sql_mode", "time_zone");

  private static List<Object> values(Connection connection) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < RESTORED.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("@@SESSION.").append(RESTORED.get(i));
    }
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql.toString())) {
      rs.next();
      List<Object> out = new ArrayList<>();
      for (int i = 1; i <= RESTORED.size(); i++) {
        out.add(rs.getObject(i));
      }
      return out;
    }
  }

  private static String currentDatabase(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Whether the server is MariaDB, whatever the URL said: a jdbc:mysql: URL reaches MariaDB through
   * MariaDB Connector/J (the CLI bundles no other), and jdbc:mariadb: can reach MySQL. Both drivers
   * report the server's version string, which names MariaDB ("10.11.6-MariaDB", or
   * "5.5.5-10.11.6-MariaDB" through MySQL Connector/J).
   */
  private boolean isMariaDbServer(Connection connection) throws SQLException {
    String version = connection.getMetaData().getDatabaseProductVersion();
    return version == null ? mariadb : version.toLowerCase(Locale.ROOT).contains("mariadb");
  }

  @Override
  public boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    return TableLookup.exists(
        connection,
        "SELECT 1 FROM information_schema.tables WHERE table_schema = "
            + TableLookup.schemaOrCurrent(schema, "DATABASE()")
            + " AND table_name = ?",
        schema,
        table);
  }

  @Override
  public MigrationLock migrationLock(ConnectionSource source, String jdbcUrl, String schema) {
    // GET_LOCK names are server-wide and at most 64 characters.
    String name = "retort:" + (schema == null ? "" : schema);
    return new MySqlNamedLock(source, name.length() > 64 ? name.substring(0, 64) : name);
  }

  private static boolean isPlainName(String s) {
    return s != null && s.matches("[A-Za-z0-9_]+");
  }

  @Override
  public Scratch createScratch(ScratchRequest live, String name) throws SQLException {
    // A MySQL connection can enter another database of the server with setCatalog. The scratch
    // database gets the live one's character set and collation, which its tables inherit: with
    // the server's defaults instead (latin1 on some servers) every text column would differ.
    String q = quote(name);
    String create = "CREATE DATABASE " + q;
    try (Connection c = live.source().open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT @@character_set_database, @@collation_database")) {
      if (rs.next() && isPlainName(rs.getString(1)) && isPlainName(rs.getString(2))) {
        create += " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2);
      }
    }
    return Scratches.server(
        live.source(), name, create, "DROP DATABASE IF EXISTS " + q, c -> c.setCatalog(name));
  }
}

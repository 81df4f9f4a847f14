package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of the CLI on PostgreSQL and MariaDB: upgrade, status, downgrade base. Skipped with
 * "PostgreSQL not tested: ..." / "MariaDB not tested: ..." when no server can be had.
 */
class CliServerTest {
  @TempDir Path tmp;

  @Test
  void postgres() throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      smoke(
          db,
          "CREATE FUNCTION answer() RETURNS int AS $$ SELECT 42; $$ LANGUAGE sql;",
          "DROP FUNCTION answer();",
          "SELECT routine_name FROM information_schema.routines"
              + " WHERE routine_schema = current_schema()",
          "SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = current_schema() ORDER BY table_name");
    }
  }

  @Test
  void mariadb() throws Exception {
    try (TestDatabase db = TestDatabases.mariadb()) {
      smoke(
          db,
          "DELIMITER //\n"
              + "CREATE FUNCTION answer() RETURNS INT DETERMINISTIC BEGIN RETURN 42; END //\n"
              + "DELIMITER ;",
          "DROP FUNCTION answer;",
          "SELECT routine_name FROM information_schema.routines"
              + " WHERE routine_schema = DATABASE()",
          "SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = DATABASE() ORDER BY table_name");
    }
  }

  private void smoke(
      TestDatabase db, String functionUp, String functionDown, String routines, String tables)
      throws Exception {
    CliProject p = project(db);
    p.migration(
        "001_create_t1",
        "a1a1a1a1a1a1",
        null,
        "CREATE TABLE t1 (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
            + "INSERT INTO t1 (id, name) VALUES (1, 'one;two');",
        "DROP TABLE t1;");
    p.migration(
        "002_create_t2",
        "b2b2b2b2b2b2",
        "a1a1a1a1a1a1",
        "CREATE TABLE t2 (id INT PRIMARY KEY);",
        "DROP TABLE t2;");
    p.migration("003_function", "c3c3c3c3c3c3", "b2b2b2b2b2b2", functionUp, functionDown);

    assertThat(p.run("status", "--check").exit()).isEqualTo(3);
    CliProject.Result up = ok(p.run("upgrade"));

    assertThat(up.outLines()).hasSize(4);
    assertThat(up.outLines().get(2)).startsWith("applied  c3c3c3c3c3c3  003 function  (");
    assertThat(up.outLines().get(3)).endsWith("database at c3c3c3c3c3c3");
    assertThat(query(db, tables)).containsExactly("retort_history", "t1", "t2");
    assertThat(query(db, "SELECT name FROM t1")).containsExactly("one;two");
    assertThat(query(db, routines)).containsExactly("answer");
    assertThat(query(db, "SELECT answer()")).containsExactly("42");

    CliProject.Result status = ok(p.run("status", "--check"));
    assertThat(status.outLines())
        .last()
        .isEqualTo("database at c3c3c3c3c3c3; 0 pending; heads: c3c3c3c3c3c3");
    assertThat(ok(p.run("upgrade")).outLines()).containsExactly("up to date at c3c3c3c3c3c3");

    CliProject.Result down = ok(p.run("downgrade", "base"));
    assertThat(down.outLines()).hasSize(4).last().asString().endsWith("base (nothing applied)");
    assertThat(query(db, tables)).containsExactly("retort_history");
    assertThat(query(db, routines)).isEmpty();
    assertThat(p.run("status", "--check").exit()).isEqualTo(3);
  }

  /** A project whose retort.toml points at the test database; the URL is never printed. */
  private CliProject project(TestDatabase db) {
    CliProject p = CliProject.sqlite(tmp);
    StringBuilder toml = new StringBuilder();
    toml.append("url = ").append(tomlString(db.jdbcUrl())).append('\n');
    if (db.user() != null) {
      toml.append("user = ").append(tomlString(db.user())).append('\n');
    }
    if (db.password() != null) {
      toml.append("password = ")
          .append(tomlString(db.password().replace("${", "$${")))
          .append('\n');
    }
    p.writeConfig(toml.toString());
    return p;
  }

  private static String tomlString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static List<String> query(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}

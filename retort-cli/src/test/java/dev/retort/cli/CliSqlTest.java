package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.split.SqlStatement;
import dev.retort.dialect.split.SqliteSplitter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sql: the script a run would execute, printed without changing anything. */
class CliSqlTest {
  @TempDir Path tmp;

  @Test
  void sqlPrintsThePendingStatementsAndChangesNothing() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "+1"));
    byte[] before = p.dbBytes();

    String sql = ok(p.run("sql")).out();

    assertThat(sql)
        .startsWith("-- Retort offline script for sqlite\n")
        .contains("-- upgrade b2b2b2b2b2b2: 002 create t2 (migrations/002_create_t2.sql)")
        .contains("CREATE TABLE t2 (id INTEGER PRIMARY KEY);")
        .contains("CREATE INDEX t3_id ON t3 (id);")
        .contains("INSERT INTO \"retort_history\"")
        .doesNotContain("CREATE TABLE t1")
        .doesNotContain("CREATE TABLE IF NOT EXISTS");
    assertThat(sql.indexOf("CREATE TABLE t2")).isLessThan(sql.indexOf("CREATE TABLE t3"));
    assertThat(p.dbBytes()).isEqualTo(before);
  }

  @Test
  void sqlDownPrintsTheDownParts() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));
    byte[] before = p.dbBytes();

    String sql = ok(p.run("sql", "b2b2", "--down")).out();

    assertThat(sql).contains("-- downgrade c3c3c3c3c3c3").contains("DROP TABLE t3;");
    assertThat(sql).contains("DELETE FROM \"retort_history\"").doesNotContain("DROP TABLE t2");
    assertThat(p.dbBytes()).isEqualTo(before);
  }

  /** The offline script needs no database, and running it yields a database at head. */
  @Test
  void offlineRangeNeedsNoDatabaseAndItsScriptReachesHead() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    String sql = ok(p.run("sql", "base:head")).out();

    assertThat(p.db).doesNotExist();
    assertThat(sql).contains("CREATE TABLE IF NOT EXISTS \"retort_history\"");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.db);
        Statement st = c.createStatement()) {
      for (SqlStatement statement : new SqliteSplitter().split(sql)) {
        st.execute(statement.sql());
      }
    }
    assertThat(p.tables()).containsExactly("retort_history", "t1", "t2", "t3");
    ok(p.run("status", "--check"));
    ok(p.run("validate"));
  }

  @Test
  void offlineRangeFromARevision() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    String sql = ok(p.run("sql", "a1a1a1a1a1a1:b2b2")).out();

    assertThat(sql).contains("CREATE TABLE t2").doesNotContain("CREATE TABLE t1 ");
    assertThat(sql).doesNotContain("CREATE TABLE t3").doesNotContain("CREATE TABLE IF NOT EXISTS");
    assertThat(p.db).doesNotExist();
  }

  @Test
  void downWithARangeIsAUsageError() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    assertThat(oneLineError(p.run("sql", "base:head", "--down"), 2)).contains("--down");
  }
}

package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, diff and check through the CLI, with their exit codes. */
class CliSchemaTest {
  @TempDir Path tmp;

  private void exec(CliProject p, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.db);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void checkIsSilentOnAMigratedDatabaseAndExitsFiveOnDrift() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));

    CliProject.Result clean = ok(p.run("check"));
    assertThat(clean.out()).contains("no drift").contains("c3c3c3c3c3c3");

    exec(p, "ALTER TABLE t2 ADD COLUMN extra TEXT");
    exec(p, "DROP INDEX t3_id");
    CliProject.Result drift = p.run("check");
    assertThat(drift.exit()).isEqualTo(5);
    assertThat(drift.out())
        .contains("2 difference(s)")
        .contains("table t2 has a column extra")
        .contains("table t3 lacks index t3_id");
    assertThat(p.run("check", "--exclude", "t2,t3").exit()).isZero();
  }

  @Test
  void inspectPrintsSqlAndJsonAndLeavesOutTheHistoryTable() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));

    String sql = ok(p.run("inspect")).out();
    assertThat(sql).contains("CREATE TABLE \"t1\"").contains("CREATE INDEX \"t3_id\"");
    assertThat(sql).doesNotContain("retort_history");
    String json = ok(p.run("inspect", "--format", "json", "--include", "t1")).out();
    assertThat(json).contains("\"name\": \"t1\"").doesNotContain("\"t2\"");
  }

  @Test
  void diffShowsWhatTheMigrationsWouldAdd() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "a1a1a1a1a1a1"));

    String out = ok(p.run("diff")).out();
    assertThat(out).contains("-- create table t2").contains("-- create table t3");
    assertThat(out).contains("CREATE INDEX \"t3_id\"");
    assertThat(p.tables()).containsExactly("retort_history", "t1");
  }
}

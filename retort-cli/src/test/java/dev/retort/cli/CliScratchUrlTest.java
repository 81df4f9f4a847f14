package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --scratch-url connects with the configured driver properties, like the main URL. */
class CliScratchUrlTest {
  @TempDir Path tmp;

  @Test
  void theScratchConnectionGetsTheDriverProperties() throws Exception {
    try (TestDatabase db = TestDatabases.postgres();
        TestDatabase scratch = TestDatabases.postgres()) {
      // pgjdbc's currentSchema property decides where unqualified names land: observable.
      exec(db, "CREATE SCHEMA app");
      exec(scratch, "CREATE SCHEMA app");
      CliProject p = CliProject.sqlite(tmp);
      StringBuilder toml = new StringBuilder("url = \"" + db.jdbcUrl() + "\"\n");
      if (db.user() != null) {
        toml.append("user = \"").append(db.user()).append("\"\n");
      }
      if (db.password() != null) {
        toml.append("password = \"${RETORT_TEST_PW:-").append(db.password()).append("}\"\n");
      }
      toml.append("[driver_properties]\ncurrentSchema = \"app\"\n");
      p.writeConfig(toml.toString());
      // The migration fails unless it runs with that property, so the replay into the scratch
      // database (emptied again after the check) succeeds only if it got the property too.
      p.migration(
          "001_create_t1",
          "a1a1a1a1a1a1",
          null,
          "DO $$ BEGIN IF current_schema() <> 'app' THEN"
              + " RAISE EXCEPTION 'not run in schema app'; END IF; END $$;\n"
              + "CREATE TABLE t1 (id INT);",
          null);
      ok(p.run("upgrade"));
      String where = "SELECT table_schema FROM information_schema.tables WHERE table_name = 't1'";
      assertThat(query(db, where)).containsExactly("app");

      CliProject.Result check = ok(p.run("check", "--scratch-url", scratch.jdbcUrl()));

      assertThat(check.err()).doesNotContain("not run in schema app");
    }
  }

  private static void exec(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<String> query(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}

package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI bundles only MariaDB Connector/J; a jdbc:mysql: URL works with it all the same. */
class CliMySqlSchemeTest {
  @TempDir Path tmp;

  @Test
  void upgradeThroughAJdbcMysqlUrl() {
    try (TestDatabase db = TestDatabases.mariadb()) {
      assertThat(db.jdbcUrl()).startsWith("jdbc:mariadb:");
      String url = "jdbc:mysql:" + db.jdbcUrl().substring("jdbc:mariadb:".length());
      CliProject p = CliProject.sqlite(tmp);
      StringBuilder toml = new StringBuilder("url = \"" + url + "\"\n");
      if (db.user() != null) {
        toml.append("user = \"").append(db.user()).append("\"\n");
      }
      if (db.password() != null) {
        toml.append("password = \"${RETORT_TEST_PW:-").append(db.password()).append("}\"\n");
      }
      toml.append("statement_timeout = \"30s\"\nddl_lock_timeout = \"5s\"\n");
      p.writeConfig(toml.toString());
      p.migration("001_create_t1", "a1a1a1a1a1a1", null, "CREATE TABLE t1 (id INT);", null);

      CliProject.Result up = ok(p.run("upgrade"));

      assertThat(up.outLines()).last().asString().endsWith("database at a1a1a1a1a1a1");
      assertThat(ok(p.run("current")).outLines()).containsExactly("a1a1a1a1a1a1");
    }
  }
}

package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jdbc:mysql: URL with only MariaDB Connector/J on the class path (as in the CLI): MariaDB
 * Connector/J 3.x takes that scheme only with permitMysqlScheme, which Retort sets.
 */
class MySqlSchemeTest {
  @TempDir Path dir;

  @Test
  void aJdbcMysqlUrlReachesMariaDbThroughTheMariaDbDriver() throws Exception {
    try (TestDatabase db = TestDatabases.mariadb()) {
      assertThat(db.jdbcUrl()).startsWith("jdbc:mariadb:");
      String url = "jdbc:mysql:" + db.jdbcUrl().substring("jdbc:mariadb:".length());
      MigrationFiles.write(
          dir,
          "001_t.sql",
          MigrationFiles.text("a1a1a1a1a1a1", "", "CREATE TABLE t (id INT);", null));
      Retort retort =
          Retort.configure()
              .url(url, db.user(), db.password())
              .location(dir)
              // MariaDB's statement timeout is max_statement_time, whatever the URL's scheme.
              .statementTimeout(Duration.ofSeconds(30))
              .ddlLockTimeout(Duration.ofSeconds(5))
              .build();

      assertThat(retort.upgrade().steps()).hasSize(1);
      assertThat(retort.current()).containsExactly("a1a1a1a1a1a1");
      assertThat(tables(db)).containsExactly("retort_history", "t");
    }
  }

  private static List<String> tables(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() ORDER BY table_name")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}

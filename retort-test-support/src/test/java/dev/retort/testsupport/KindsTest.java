package dev.retort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindsTest {
  @TempDir Path dir;

  @Test
  void everyOfferedKindYieldsAWorkingDatabase() throws SQLException {
    assertThat(TestDatabases.kinds())
        .startsWith("sqlite")
        .doesNotHaveDuplicates()
        .isSubsetOf("sqlite", "postgresql", "mariadb");
    for (String kind : TestDatabases.kinds()) {
      try (TestDatabase db = TestDatabases.create(kind, dir);
          Connection connection = db.connect()) {
        assertThat(db.kind()).isEqualTo(kind);
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }
}

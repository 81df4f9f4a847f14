package dev.retort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  @TempDir Path dir;

  @Test
  void createsAFileInTheDirectoryAndCloseDeletesIt() throws SQLException {
    TestDatabase db = TestDatabases.sqlite(dir);
    assertThat(db.kind()).isEqualTo("sqlite");
    assertThat(db.user()).isNull();
    assertThat(db.password()).isNull();
    assertThat(db.schemaOrDatabaseName()).isEqualTo("main");
    Path file = Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
    assertThat(file.getParent()).isEqualTo(dir.toAbsolutePath());
    assertThat(file.getFileName().toString()).matches("retort_[a-z0-9]{10}\\.db");

    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
      statement.execute("INSERT INTO t VALUES (7)");
    }
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM t")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(7);
    }
    assertThat(file).exists();

    db.close();

    assertThat(file).doesNotExist();
    assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist();
    db.close();
  }

  @Test
  void twoDatabasesAreIsolated() throws Exception {
    try (TestDatabase first = TestDatabases.sqlite(dir);
        TestDatabase second = TestDatabases.create("sqlite", dir);
        Connection one = first.connect();
        Connection two = second.connect();
        Statement inOne = one.createStatement();
        Statement inTwo = two.createStatement()) {
      assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
      inOne.execute("CREATE TABLE t (id INTEGER)");
      assertThatThrownBy(() -> inTwo.executeQuery("SELECT * FROM t"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no such table");
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void unknownKindIsRejected() {
    assertThatThrownBy(() -> TestDatabases.create("oracle", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oracle");
  }
}

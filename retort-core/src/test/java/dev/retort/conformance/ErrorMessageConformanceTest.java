package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.JavaMigration;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors are one line, in the exception and in the history table's error column, though database
 * messages span lines (PostgreSQL appends "Detail: ...") and so may a Java migration's.
 */
class ErrorMessageConformanceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aFailedStatementIsRecordedOnOneLine(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "e1",
          null,
          false,
          "CREATE TABLE u (id INTEGER PRIMARY KEY);\n"
              + "INSERT INTO u VALUES (1);\n"
              + "INSERT INTO u VALUES (1);",
          null);

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION);
                assertThat(e.getMessage()).doesNotContain("\n", "\r");
              });

      RevisionStatus failed = env.retort().show("e1");
      assertThat(failed.row().error())
          .startsWith("upgrade failed at statement 3")
          .doesNotContain("\n");
      if (kind.equals("postgresql")) {
        // The Detail line is kept, on the same line.
        assertThat(failed.row().error()).contains("Detail:", "already exists");
      }
    }
  }

  /** Fails with a message of several lines, outside a transaction. */
  static final class FailsOnSeveralLines implements JavaMigration {
    @Override
    public String id() {
      return "j1";
    }

    @Override
    public List<String> parents() {
      return List.of();
    }

    @Override
    public boolean transactional() {
      return false;
    }

    @Override
    public void up(Connection connection) {
      throw new IllegalStateException("first line\n  second line\r\nthird line");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void aJavaMigrationsMessageIsRecordedOnOneLine(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      Retort retort = env.builder().javaMigrations(new FailsOnSeveralLines()).build();

      assertThatThrownBy(retort::upgrade)
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> assertThat(e.getMessage()).contains("first line second line third line"));

      assertThat(retort.show("j1").row().error())
          .isEqualTo("upgrade failed in Java code: first line second line third line");
    }
  }
}

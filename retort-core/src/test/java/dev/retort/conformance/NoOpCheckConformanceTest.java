package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The no-op check of {@code upgrade} reads the history in a light form (one column folds state,
 * checksum and algorithm). It must see what the full read sees: a row it does not know as applied,
 * or a checksum that does not match, is never up to date, whatever the database's collation.
 */
class NoOpCheckConformanceTest {
  @TempDir Path dir;

  private static void applyTwo(Env env) throws Exception {
    env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", "DROP TABLE one;");
    env.write("b2", "a1", "CREATE TABLE two (id INTEGER PRIMARY KEY);", "DROP TABLE two;");
    env.retort().upgrade();
    assertThat(env.retort().upgrade().steps()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aStateWrittenInAnotherCaseIsNotApplied(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      // MariaDB's default collation finds 'APPLIED ' equal to 'applied'; the full read does not.
      env.exec("UPDATE retort_history SET state = 'APPLIED ' WHERE revision = 'a1'");

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("history table row for a1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void anEmptyChecksumDoesNotMatch(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      env.exec("UPDATE retort_history SET checksum = '' WHERE revision = 'b2'");

      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("(revision b2) was changed after it was applied");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void anAlgorithmWrittenInAnotherCaseIsNotCompared(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      // Another algorithm's checksum is not compared (the full checks say the same): a no-op.
      env.exec(
          "UPDATE retort_history SET checksum_algorithm = 'SHA256-NORM-V1', checksum = 'x'"
              + " WHERE revision = 'b2'");

      assertThat(env.retort().upgrade().steps()).isEmpty();
    }
  }
}

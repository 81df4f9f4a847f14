package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settling a half-applied migration with {@code retort resolve}. */
class ResolveConformanceTest {
  @TempDir Path dir;

  /**
   * The process died during statement 1 (row running, 0 done), and the resume fails at statement 1
   * again: the row must still count 0 done, so the next resume runs statement 1 rather than skip
   * it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aResumeThatFailsAtTheFirstStatementDoesNotCountIt(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "r1",
          null,
          false,
          "CREATE TABLE first_one AS SELECT id FROM source_table;\n"
              + "CREATE TABLE second_one (id INTEGER);\n"
              + "CREATE TABLE third_one (id INTEGER);",
          null);
      env.exec("CREATE TABLE source_table (id INTEGER)", "INSERT INTO source_table VALUES (7)");
      env.exec("CREATE TABLE second_one (id INTEGER)");
      assertThatThrownBy(() -> env.retort().upgrade()).isInstanceOf(RetortException.class);
      assertThat(env.retort().show("r1").row().statementsDone()).isEqualTo(1);
      // As if the process had died while statement 1 ran: a running row that counts nothing.
      env.exec("UPDATE retort_history SET state = 'running', statements_done = 0, error = NULL");
      env.exec("DROP TABLE first_one", "DROP TABLE second_one", "DROP TABLE source_table");

      assertThatThrownBy(() -> env.retort().resolve("r1", Retort.Resolution.RESUME))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> assertThat(e.getMessage()).containsIgnoringCase("source_table"));

      RevisionStatus failed = env.retort().show("r1");
      assertThat(failed.state()).isEqualTo(RevisionStatus.State.FAILED);
      assertThat(failed.row().statementsDone()).isZero();
      env.exec("CREATE TABLE source_table (id INTEGER)", "INSERT INTO source_table VALUES (8)");

      RevisionStatus resumed = env.retort().resolve("r1", Retort.Resolution.RESUME);

      assertThat(resumed.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(env.strings("SELECT id FROM first_one")).containsExactly("8");
      assertThat(env.tables()).contains("first_one", "second_one", "third_one");
    }
  }

  /**
   * The user fixed the file and finished the migration by hand: the row records the file as it is
   * now, so validate passes and a downgrade runs the fixed down script.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void appliedRecordsTheFixedFilesChecksumAndDownScript(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "r1",
          null,
          false,
          "CREATE TABLE made (id INTEGER);\nINSERT INTO nowhere VALUES (1);",
          "DROP TABLE wrong_name;");
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTIAL_MIGRATION));
      Files.delete(env.fileOf("r1"));
      env.write(
          "r1",
          null,
          false,
          "CREATE TABLE made (id INTEGER);\nCREATE TABLE also (id INTEGER);",
          "DROP TABLE also;\nDROP TABLE made;");
      env.exec("CREATE TABLE also (id INTEGER)");

      RevisionStatus settled = env.retort().resolve("r1", Retort.Resolution.APPLIED);

      assertThat(settled.state()).isEqualTo(RevisionStatus.State.APPLIED);
      assertThat(settled.row().checksum()).isEqualTo(settled.migration().checksum());
      // Stored with the mark that keeps the migration's 'transaction false' for a later
      // downgrade from the history alone.
      assertThat(settled.row().downScript())
          .isEqualTo("-- retort:transaction false\nDROP TABLE also;\nDROP TABLE made;");
      assertThat(settled.row().statementsDone()).isEqualTo(2);
      assertThat(settled.row().error()).isNull();
      assertThat(env.retort().validate().ok()).isTrue();
      env.retort().downgrade("base");
      assertThat(env.tables()).isEmpty();
    }
  }
}

package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A commit whose answer never comes: from the client's side the server may or may not have
 * committed, and Retort must not claim either. Here the session dies inside its COMMIT: a deferred
 * trigger, which runs at commit time, terminates its own backend.
 */
class CommitLostConformanceTest {
  @TempDir Path dir;

  /**
   * Also with the driver told to leave the failed entry out of its errors: the commit goes out in a
   * batch with the migration's last statement ({@link FinalBatchConformanceTest}), and then only
   * the dead connection says that the commit may have gone through.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", FinalBatchConformanceTest.NO_DETAIL})
  void aCommitWithoutAnAnswerIsReportedAsUnknown(String urlOption) throws Exception {
    try (Env env = Env.open("postgresql", dir)) {
      env.write(
          "a1",
          null,
          "CREATE TABLE one (id INTEGER PRIMARY KEY);\n"
              + "CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$\n"
              + "BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;\n"
              + "CREATE CONSTRAINT TRIGGER die_at_commit AFTER INSERT ON one\n"
              + "  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION die();\n"
              + "INSERT INTO one (id) VALUES (1);",
          null);

      CommitAssertions.failsWithCommitOutcomeUnknown(() -> env.retort(urlOption).upgrade(), "a1");
      // This time the server had not committed; 'retort status' would say so.
      assertThat(env.hasHistoryTable() ? env.historyRevisions() : List.of()).isEmpty();
    }
  }
}

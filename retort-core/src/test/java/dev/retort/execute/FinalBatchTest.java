package dev.retort.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.split.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which last statements may share a batch: only those that cannot return rows. */
class FinalBatchTest {
  private static boolean carries(String sql) {
    return FinalBatch.canCarry(List.of(new SqlStatement("SELECT 1", 1), new SqlStatement(sql, 2)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE t (id INT)",
        "alter table t add column c int",
        "DROP INDEX i",
        "-- a comment\n/* another */ INSERT INTO t VALUES (1)",
        "UPDATE t SET c = 1",
        "DELETE FROM t",
        "COMMENT ON TABLE t IS 'x'",
        "GRANT SELECT ON t TO PUBLIC",
        "TRUNCATE t",
        "DO $$ BEGIN NULL; END $$"
      })
  void commandsWithoutRowsRideAlong(String sql) {
    assertThat(carries(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT setval('s', 1)",
        "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
        "INSERT INTO t VALUES (1) RETURNING id",
        "DELETE FROM t\nreturning *",
        "CALL p()",
        "VALUES (1)",
        "SHOW search_path",
        "EXPLAIN SELECT 1",
        "-- CREATE in a comment\nSELECT 1",
        "CREATEX",
      })
  void anythingThatMayReturnRowsRunsAlone(String sql) {
    assertThat(carries(sql)).isFalse();
  }

  @Test
  void aMigrationWithoutStatementsHasNothingToCarry() {
    assertThat(FinalBatch.canCarry(List.of())).isFalse();
  }
}

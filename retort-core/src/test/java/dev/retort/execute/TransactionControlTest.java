package dev.retort.execute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements, as the splitters return them, begin or end a transaction. */
class TransactionControlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BEGIN|BEGIN",
        "begin transaction|BEGIN",
        "BEGIN WORK|BEGIN",
        "BEGIN DEFERRED TRANSACTION|BEGIN",
        "BEGIN IMMEDIATE|BEGIN",
        "BEGIN EXCLUSIVE|BEGIN",
        "BEGIN ISOLATION LEVEL SERIALIZABLE|BEGIN",
        "START TRANSACTION|START TRANSACTION",
        "start transaction read write|START TRANSACTION",
        "COMMIT|COMMIT",
        "COMMIT WORK|COMMIT",
        "commit  transaction|COMMIT",
        "COMMIT AND NO CHAIN|COMMIT",
        "END|END",
        "END TRANSACTION|END",
        "ROLLBACK|ROLLBACK",
        "ROLLBACK WORK|ROLLBACK",
        "rollback transaction|ROLLBACK",
        "ABORT|ABORT",
        "/* done */ COMMIT|COMMIT",
      })
  void transactionControlIsRecognised(String sql, String verb) {
    assertThat(TransactionControl.verb(sql)).isEqualTo(verb);
  }

  @Test
  void leadingLineCommentsAreSkipped() {
    assertThat(TransactionControl.verb("-- done\n  -- really\nCOMMIT")).isEqualTo("COMMIT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ROLLBACK TO SAVEPOINT s1",
        "ROLLBACK TO s1",
        "ROLLBACK TRANSACTION TO SAVEPOINT s1",
        "SAVEPOINT s1",
        "RELEASE SAVEPOINT s1",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
        "CREATE PROCEDURE p() BEGIN START TRANSACTION; COMMIT; END",
        "BEGIN NOT ATOMIC SELECT 1; END",
        "BEGIN SELECT 1; END",
        "INSERT INTO log VALUES ('COMMIT')",
        "COMMENT ON TABLE t IS 'x'",
        "ENDPOINT",
        "SELECT 1",
      })
  void otherStatementsAreNot(String sql) {
    assertThat(TransactionControl.verb(sql)).isNull();
  }
}

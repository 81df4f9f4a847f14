package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only MariaDB/MySQL has: DELIMITER blocks, backticks, metadata locks, max_statement_time. */
class MariaDbConformanceTest {
  @TempDir Path dir;

  /** A trigger and a procedure whose bodies hold semicolons, between DELIMITER lines. */
  private static final String ROUTINES =
      """
      CREATE TABLE `order line` (`id` INT PRIMARY KEY AUTO_INCREMENT, `key` INT NOT NULL,
        `total` INT);
      CREATE TABLE `audit``log` (`msg` VARCHAR(200) NOT NULL);
      DELIMITER //
      CREATE TRIGGER `order line total` BEFORE INSERT ON `order line`
      FOR EACH ROW
      BEGIN
        SET NEW.`total` = NEW.`key` * 10;
        INSERT INTO `audit``log` (`msg`) VALUES (CONCAT('line; key=', NEW.`key`));
      END//
      CREATE PROCEDURE `add lines`(IN n INT)
      BEGIN
        DECLARE i INT DEFAULT 0;
        WHILE i < n DO
          INSERT INTO `order line` (`key`) VALUES (i + 1);
          SET i = i + 1;
        END WHILE;
      END//
      DELIMITER ;
      CALL `add lines`(3);""";

  @Test
  void delimiterBlocksWithATriggerAndAProcedureRun() throws Exception {
    try (Env env = Env.open("mariadb", dir)) {
      env.write(
          "m1",
          null,
          ROUTINES,
          "DROP PROCEDURE `add lines`;\nDROP TRIGGER `order line total`;\n"
              + "DROP TABLE `audit``log`;\nDROP TABLE `order line`;");

      assertThat(env.retort().sql("head", false)).contains("DELIMITER $$");
      assertThat(env.retort().upgrade().current()).containsExactly("m1");

      assertThat(env.tables()).containsExactly("audit`log", "order line");
      assertThat(env.count("SELECT SUM(`total`) FROM `order line`")).isEqualTo(60);
      assertThat(env.strings("SELECT `msg` FROM `audit``log` ORDER BY `msg`"))
          .containsExactly("line; key=1", "line; key=2", "line; key=3");
      assertThat(env.count("SELECT statements_total FROM retort_history")).isEqualTo(5);

      env.retort().downgrade("base");

      assertThat(env.tables()).isEmpty();
      assertThat(
              env.count(
                  "SELECT count(*) FROM information_schema.ROUTINES"
                      + " WHERE ROUTINE_SCHEMA = DATABASE()"))
          .isZero();
    }
  }

  /**
   * An open transaction that read a table holds a metadata lock until it ends; an ALTER TABLE waits
   * for it (and everything after queues behind the ALTER). lock_wait_timeout bounds the wait.
   */
  @Test
  void ddlLockTimeoutFailsFastBehindAnOpenTransaction() throws Exception {
    try (Env env = Env.open("mariadb", dir)) {
      env.write("l1", null, "CREATE TABLE busy (id INT);", null);
      env.retort().upgrade();
      env.write("l2", "l1", "ALTER TABLE busy ADD COLUMN note VARCHAR(20);", null);
      Retort retort = env.builder().ddlLockTimeout(Duration.ofMillis(500)).build();

      try (Connection holder = env.connect();
          Statement st = holder.createStatement()) {
        holder.setAutoCommit(false);
        st.execute("SELECT count(*) FROM busy");
        long start = System.nanoTime();
        RetortException e =
            assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> assertThrows(RetortException.class, retort::upgrade));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(5_000);
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.getMessage())
            .contains("upgrade of l2 failed")
            .contains("statement 1 of 1")
            .contains("Lock wait timeout exceeded");
        holder.rollback();
      }
      assertThat(env.historyRevisions()).containsExactly("l1");
      assertThat(retort.upgrade().current()).containsExactly("l2");
      assertThat(env.columns("busy")).containsExactly("id", "note");
    }
  }

  @Test
  void statementTimeoutFailsALongStatementFast() throws Exception {
    try (Env env = Env.open("mariadb", dir)) {
      env.write("t1", null, "SELECT SLEEP(5);\nCREATE TABLE after_sleep (id INT);", null);
      Retort retort = env.builder().statementTimeout(Duration.ofMillis(500)).build();

      long start = System.nanoTime();
      assertThatThrownBy(retort::upgrade)
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("statement 1 of 2")
                    .contains("max_statement_time exceeded");
              });

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
      assertThat(env.tables()).isEmpty();
      assertThat(env.historyRevisions()).isEmpty();
    }
  }
}

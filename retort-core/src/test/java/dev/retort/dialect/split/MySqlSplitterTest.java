package dev.retort.dialect.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlSplitterTest {
  private final MySqlSplitter splitter = new MySqlSplitter();

  private List<String> sql(String script) {
    return splitter.split(script).stream().map(SqlStatement::sql).toList();
  }

  @Test
  void hashAndDashDashSpaceComments() {
    String script =
        "# hash comment; here\nSELECT 1; # trailing;\n"
            + "SELECT 2 -- dash comment; here\n;\n--\tafter a tab;\nSELECT 3;\n--";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("SELECT 1", 2),
            new SqlStatement("SELECT 2", 3),
            new SqlStatement("SELECT 3", 6));
  }

  @Test
  void dashDashWithoutSpaceIsNotAComment() {
    assertThat(sql("SELECT 5--1;\nSELECT 6---1; SELECT 7"))
        .containsExactly("SELECT 5--1", "SELECT 6---1", "SELECT 7");
  }

  @Test
  void backslashEscapesInSingleAndDoubleQuotedStrings() {
    String script =
        "SELECT 'it\\'s; here', \"say \\\"hi;\\\"\";\nSELECT 'a\\\\';\nSELECT 'x''y;', \"p\"\"q;\"";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("SELECT 'it\\'s; here', \"say \\\"hi;\\\"\"", 1),
            new SqlStatement("SELECT 'a\\\\'", 2),
            new SqlStatement("SELECT 'x''y;', \"p\"\"q;\"", 3));
  }

  @Test
  void backtickIdentifiers() {
    assertThat(sql("CREATE TABLE `a;b` (`c``;d` INT);\nSELECT `x\\`;"))
        .containsExactly("CREATE TABLE `a;b` (`c``;d` INT)", "SELECT `x\\`");
  }

  @Test
  void unterminatedBacktickNamesItsLine() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\nSELECT `open;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem())
                  .isEqualTo("unterminated quoted identifier starting here; close it with `");
            });
  }

  @Test
  void executableCommentsAreKeptAsSql() {
    String script =
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
            + "/* plain comment */\n"
            + "/*M!100100 SET @x = 1 */;\n"
            + "SELECT 1 /*!50000 + 1 */;";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", 1),
            new SqlStatement("/*M!100100 SET @x = 1 */", 3),
            new SqlStatement("SELECT 1 /*!50000 + 1 */", 4));
  }

  private static final String WITH_DELIMITER =
      """
      CREATE TABLE counter (n INT);
      DELIMITER //
      CREATE PROCEDURE bump(IN k INT)
      BEGIN
        DECLARE i INT DEFAULT 0;
        WHILE i < k DO
          INSERT INTO counter VALUES (i);
          SET i = i + 1;
        END WHILE;
      END //
      delimiter $$
      CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC
      BEGIN
        RETURN x * 2;
      END$$
      DELIMITER ;;
      CREATE TRIGGER counter_check BEFORE INSERT ON counter FOR EACH ROW
      BEGIN
        IF NEW.n < 0 THEN SET NEW.n = 0; END IF;
      END;;
      DELIMITER ;
      CALL bump(3);
      INSERT INTO counter VALUES (twice(-5));
      """;

  @Test
  void delimiterCommandChangesTheDelimiterAndIsNotAStatement() {
    List<SqlStatement> statements = splitter.split(WITH_DELIMITER);

    assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 3, 12, 17, 22, 23);
    assertThat(statements.get(1).sql())
        .startsWith("CREATE PROCEDURE bump(IN k INT)\nBEGIN")
        .endsWith("END WHILE;\nEND");
    assertThat(statements.get(2).sql()).endsWith("RETURN x * 2;\nEND");
    assertThat(statements.get(3).sql()).endsWith("END IF;\nEND");
    assertThat(statements).extracting(SqlStatement::sql).noneMatch(s -> s.contains("DELIMITER"));
  }

  @Test
  void delimiterRoutinesRunOnRealMariaDb() throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.mariadb();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(WITH_DELIMITER));

      assertThat(TestDatabases.count(connection, "SELECT count(*) FROM counter")).isEqualTo(4);
      assertThat(TestDatabases.count(connection, "SELECT sum(n) FROM counter")).isEqualTo(3);
    }
  }

  @Test
  void customDelimiterMakesSemicolonsOrdinary() {
    assertThat(sql("DELIMITER //\nSELECT 1; SELECT 2//\nSELECT ';//'//\nDELIMITER ;\nSELECT 3;"))
        .containsExactly("SELECT 1; SELECT 2", "SELECT ';//'", "SELECT 3");
  }

  @Test
  void quotedDelimiterArgumentAndTrailingText() {
    assertThat(sql("DELIMITER '$$' and more\nSELECT 1$$\nDELIMITER ; # back\nSELECT 2;"))
        .containsExactly("SELECT 1", "SELECT 2");
  }

  @Test
  void delimiterInsideAStatementIsAnOrdinaryWord() {
    assertThat(sql("CREATE TABLE t (\ndelimiter INT);\nSELECT delimiter FROM t;"))
        .containsExactly("CREATE TABLE t (\ndelimiter INT)", "SELECT delimiter FROM t");
  }

  @Test
  void delimiterWithoutArgumentIsRefused() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\nDELIMITER\nSELECT 2;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("DELIMITER //");
            });
  }

  private static final String WITHOUT_DELIMITER =
      """
      CREATE TABLE event_log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100));

      CREATE PROCEDURE fill(IN k INT)
      BEGIN
        DECLARE i INT DEFAULT 0;
        DECLARE EXIT HANDLER FOR SQLEXCEPTION
        BEGIN
          INSERT INTO event_log (msg) VALUES ('failed; rolled back');
        END;
        outer_loop: LOOP
          SET i = i + 1;
          IF i > k THEN
            LEAVE outer_loop;
          ELSEIF MOD(i, 2) = 0 THEN
            INSERT INTO event_log (msg) VALUES (CONCAT('even ', i));
          ELSE
            INSERT INTO event_log (msg)
              VALUES (CASE WHEN i = 1 THEN 'one' ELSE IF(i > 2, REPEAT('o', 3), 'x') END);
          END IF;
        END LOOP outer_loop;
        REPEAT
          SET i = i - 1;
        UNTIL i <= 0 END REPEAT;
        CASE k
          WHEN 0 THEN INSERT INTO event_log (msg) VALUES ('none');
          ELSE BEGIN
            INSERT INTO event_log (msg) VALUES ('done');
          END;
        END CASE;
        WHILE i < 2 DO
          SET i = i + 1;
        END WHILE;
      END;

      CREATE FUNCTION sign_word(x INT) RETURNS VARCHAR(10) DETERMINISTIC
        RETURN CASE WHEN x < 0 THEN 'neg' ELSE 'pos' END;

      CREATE TRIGGER log_upper BEFORE INSERT ON event_log FOR EACH ROW
        IF NEW.msg = 'done' THEN
          SET NEW.msg = UPPER(NEW.msg);
        END IF;

      BEGIN;
      CALL fill(3);
      COMMIT;
      START TRANSACTION;
      INSERT INTO event_log (msg) VALUES (sign_word(-1));
      COMMIT;
      """;

  @Test
  void routinesWithoutDelimiterStayWhole() {
    List<SqlStatement> statements = splitter.split(WITHOUT_DELIMITER);

    assertThat(statements)
        .extracting(SqlStatement::line)
        .containsExactly(1, 3, 35, 38, 43, 44, 45, 46, 47, 48);
    assertThat(statements.get(1).sql())
        .startsWith("CREATE PROCEDURE fill(IN k INT)")
        .endsWith("END WHILE;\nEND");
    assertThat(statements.get(3).sql()).endsWith("END IF");
    assertThat(statements.subList(4, 10))
        .extracting(SqlStatement::sql)
        .containsExactly(
            "BEGIN",
            "CALL fill(3)",
            "COMMIT",
            "START TRANSACTION",
            "INSERT INTO event_log (msg) VALUES (sign_word(-1))",
            "COMMIT");
  }

  @Test
  void routinesWithoutDelimiterRunOnRealMariaDb() throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.mariadb();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(WITHOUT_DELIMITER));

      assertThat(
              TestDatabases.queryString(
                  connection, "SELECT GROUP_CONCAT(msg ORDER BY id SEPARATOR ',') FROM event_log"))
          .isEqualTo("one,even 2,ooo,DONE,neg");
    }
  }

  @Test
  void mariaDbAnonymousBlockStaysWhole() {
    String script =
        "CREATE TABLE t (a INT);\nBEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 1;\n"
            + "  FOR i IN 1..3 DO\n    INSERT INTO t VALUES (i * x);\n  END FOR;\nEND;\n"
            + "SELECT 1;";

    assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(1, 2, 8);
  }

  @Test
  void mariaDbAnonymousBlockRunsOnRealMariaDb() throws Exception {
    String script =
        "CREATE TABLE t (a INT);\nBEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 2;\n"
            + "  FOR i IN 1..3 DO\n    INSERT INTO t VALUES (i * x);\n  END FOR;\nEND;\n";
    try (TestDatabases.Fresh db = TestDatabases.mariadb();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(script));

      assertThat(TestDatabases.count(connection, "SELECT sum(a) FROM t")).isEqualTo(12);
    }
  }

  @Test
  void eventBodiesAndDefinerClauses() {
    String script =
        "CREATE DEFINER=`root`@`localhost` EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN\n"
            + "  DELETE FROM a; DELETE FROM b;\nEND;\n"
            + "CREATE EVENT e2 ON SCHEDULE EVERY 1 HOUR DO IF 1 THEN DELETE FROM a; END IF;\n"
            + "CREATE OR REPLACE DEFINER=CURRENT_USER TRIGGER t BEFORE UPDATE ON a FOR EACH ROW"
            + " SET NEW.x = 1;\nSELECT 1;";

    assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(1, 4, 5, 6);
  }

  @Test
  void beginAloneStartsATransaction() {
    assertThat(sql("BEGIN;\nBEGIN WORK;\nSTART TRANSACTION;\nCOMMIT;"))
        .containsExactly("BEGIN", "BEGIN WORK", "START TRANSACTION", "COMMIT");
  }

  @Test
  void ordinaryCreateStatementsAreNotRoutines() {
    assertThat(
            sql(
                "CREATE TABLE trigger_log (`begin` INT, `end` INT);\n"
                    + "CREATE VIEW v AS SELECT CASE WHEN 1 THEN 2 END AS c;\nSELECT 3;"))
        .containsExactly(
            "CREATE TABLE trigger_log (`begin` INT, `end` INT)",
            "CREATE VIEW v AS SELECT CASE WHEN 1 THEN 2 END AS c",
            "SELECT 3");
  }

  @Test
  void unclosedRoutineBodyNamesTheRoutineLineAndSuggestsDelimiter() {
    assertThatThrownBy(
            () -> splitter.split("SELECT 1;\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("add the missing END").contains("DELIMITER //");
            });
  }

  @Test
  void mysqldumpStyleTriggerWithExecutableComments() {
    String script =
        "DELIMITER ;;\n"
            + "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON a"
            + " FOR EACH ROW BEGIN SET NEW.x = 1; SET NEW.y = 2; END */;;\n"
            + "DELIMITER ;\nSELECT 1;";

    assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(2, 4);
  }

  @Test
  void ifAndRepeatFunctionsAndIfNotExistsDoNotOpenBlocks() {
    String script =
        "CREATE PROCEDURE IF NOT EXISTS p()\nBEGIN\n  SELECT IF(1, 2, 3), REPEAT('a', 2);\n"
            + "  SET @x = IF(@y, 1, 2);\n  DO IF(1, 2, 3);\nEND;\nSELECT 1;";

    assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(1, 7);
  }

  @Test
  void lowercaseDelimiterCommandOnTheLastLine() {
    assertThat(sql("delimiter //\nSELECT 1; SELECT 2 //\ndelimiter ;"))
        .containsExactly("SELECT 1; SELECT 2");
  }

  @Test
  void unterminatedExecutableCommentNamesItsLine() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n\n/*!40101 SET x = 1 ;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem()).startsWith("unterminated /*! executable comment");
            });
  }
}

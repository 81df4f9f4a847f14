package dev.retort.dialect.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSplitterTest {
  private final SqliteSplitter splitter = new SqliteSplitter();

  @TempDir Path dir;

  private static final String TRIGGERS =
      """
      CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
      CREATE TABLE audit (account_id INTEGER, kind TEXT, note TEXT);

      -- the body has semicolons, a CASE ... END and a string with END; in it
      CREATE TRIGGER account_audit AFTER UPDATE ON account
      BEGIN
        INSERT INTO audit VALUES (
          new.id,
          CASE WHEN new.balance < 0 THEN 'overdrawn' ELSE 'ok' END,
          'END; not the end');
        UPDATE account SET balance = CASE
            WHEN new.balance < -100 THEN -100
            ELSE new.balance END
          WHERE id = new.id AND new.balance < -100;
      END;

      CREATE TEMP TRIGGER IF NOT EXISTS account_insert AFTER INSERT ON account
      BEGIN
        INSERT INTO audit VALUES (new.id, 'created', NULL);
      END;
      INSERT INTO account VALUES (1, 10);
      UPDATE account SET balance = -500 WHERE id = 1;
      """;

  @Test
  void triggerBodiesStayWholeAndCaseEndDoesNotCloseThem() {
    List<SqlStatement> statements = splitter.split(TRIGGERS);

    assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 2, 5, 17, 21, 22);
    assertThat(statements.get(2).sql())
        .startsWith("CREATE TRIGGER account_audit AFTER UPDATE ON account\nBEGIN")
        .contains("'END; not the end');")
        .endsWith("WHERE id = new.id AND new.balance < -100;\nEND");
    assertThat(statements.get(3).sql())
        .isEqualTo(
            "CREATE TEMP TRIGGER IF NOT EXISTS account_insert AFTER INSERT ON account\n"
                + "BEGIN\n  INSERT INTO audit VALUES (new.id, 'created', NULL);\nEND");
  }

  @Test
  void triggersRunOnRealSqlite() throws Exception {
    try (Connection connection = TestDatabases.sqlite(dir)) {
      TestDatabases.execute(connection, splitter.split(TRIGGERS));

      assertThat(TestDatabases.count(connection, "SELECT balance FROM account")).isEqualTo(-100);
      // recursive_triggers is off, so the trigger's own UPDATE does not fire it again.
      assertThat(
              TestDatabases.queryString(
                  connection,
                  "SELECT group_concat(kind, ',') FROM (SELECT kind FROM audit ORDER BY rowid)"))
          .isEqualTo("created,overdrawn");
    }
  }

  @Test
  void endAsAnIdentifierOutsideTriggersIsNothingSpecial() {
    assertThat(splitter.split("CREATE TABLE t (\"end\" INT, begin INT); SELECT 1 AS end;"))
        .extracting(SqlStatement::sql)
        .containsExactly("CREATE TABLE t (\"end\" INT, begin INT)", "SELECT 1 AS end");
  }

  @Test
  void aTableNamedTriggerIsNotATrigger() {
    assertThat(splitter.split("CREATE TABLE \"trigger\" (a); CREATE TABLE trigger_log (b);"))
        .hasSize(2);
  }

  @Test
  void explainCreateTriggerIsKeptWhole() {
    assertThat(
            splitter.split(
                "EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END; SELECT 3"))
        .extracting(SqlStatement::sql)
        .containsExactly(
            "EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END", "SELECT 3");
  }

  @Test
  void triggerEndingAtTheEndOfTheScriptWithoutSemicolon() {
    assertThat(splitter.split("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END"))
        .extracting(SqlStatement::sql)
        .containsExactly("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END");
  }

  @Test
  void unclosedTriggerBodyNamesTheTriggerLine() {
    assertThatThrownBy(
            () ->
                splitter.split(
                    "SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n SELECT 1;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("CREATE TRIGGER").contains("END;");
            });
  }

  @Test
  void bracketAndBacktickIdentifiers() {
    String script =
        "CREATE TABLE [my;table] ([a]]b] INT, `c;d` INT, `e``;f` INT);\nSELECT [x;y] FROM `t;u`";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("CREATE TABLE [my;table] ([a]]b] INT, `c;d` INT, `e``;f` INT)", 1),
            new SqlStatement("SELECT [x;y] FROM `t;u`", 2));
  }

  @Test
  void bracketAndBacktickIdentifiersRunOnRealSqlite() throws Exception {
    try (Connection connection = TestDatabases.sqlite(dir)) {
      TestDatabases.execute(
          connection,
          splitter.split(
              "CREATE TABLE [semi;colon] ([a;b] INT, `c;d` INT);\n"
                  + "INSERT INTO [semi;colon] VALUES (1, 2);\n"
                  + "INSERT INTO `semi;colon` (`a;b`, [c;d]) VALUES (3, 4);"));

      assertThat(TestDatabases.count(connection, "SELECT sum([a;b]) FROM [semi;colon]"))
          .isEqualTo(4);
    }
  }

  @Test
  void backslashIsAnOrdinaryCharacterInSqliteStrings() {
    assertThat(splitter.split("SELECT 'C:\\'; SELECT 2"))
        .extracting(SqlStatement::sql)
        .containsExactly("SELECT 'C:\\'", "SELECT 2");
  }

  @Test
  void unterminatedBracketAndBacktickIdentifiers() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\nSELECT [open;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem())
                  .isEqualTo("unterminated [bracketed] identifier starting here; close it with ]");
            });
    assertThatThrownBy(() -> splitter.split("\n\nSELECT `open;\n"))
        .isInstanceOfSatisfying(SqlSplitException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void sqliteShellDotCommandsAreRefused() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n.mode csv\nSELECT 2;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).startsWith("sqlite3 dot-command .mode is not SQL");
            });
  }

  @Test
  void aDotInsideAStatementIsNotADotCommand() {
    assertThat(splitter.split("SELECT t.a\n.5 FROM t;")).hasSize(1);
  }
}

package dev.retort.dialect.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSplitterTest {
  private final PostgresSplitter splitter = new PostgresSplitter();

  private List<String> sql(String script) {
    return splitter.split(script).stream().map(SqlStatement::sql).toList();
  }

  @Test
  void dollarQuotedBodiesKeepTheirSemicolonsAndQuotes() {
    String script =
        """
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          RAISE NOTICE 'it''s; $ here';  -- a comment; inside
          RETURN 1;
        END $$;
        SELECT f();
        """;

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement(script.substring(0, script.indexOf("END $$") + 6), 1),
            new SqlStatement("SELECT f()", 6));
  }

  @Test
  void taggedDollarQuotesNestAndOnlyTheirOwnTagClosesThem() {
    String script =
        "DO $outer$ BEGIN EXECUTE $q$SELECT 1; $$ ; $x$ $q$; END $outer$;\n"
            + "SELECT $_$a;b$_$, $a1$c$a1$;";

    assertThat(sql(script))
        .containsExactly(
            "DO $outer$ BEGIN EXECUTE $q$SELECT 1; $$ ; $x$ $q$; END $outer$",
            "SELECT $_$a;b$_$, $a1$c$a1$");
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    String script =
        "PREPARE p(int, int) AS SELECT $1 + $2;\n"
            + "CREATE FUNCTION add(int, int) RETURNS int AS 'SELECT $1 + $2;' LANGUAGE sql;\n"
            + "SELECT 1 AS a$b, 2 AS c$$;\nEXECUTE p(1, 2)";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("PREPARE p(int, int) AS SELECT $1 + $2", 1),
            new SqlStatement(
                "CREATE FUNCTION add(int, int) RETURNS int AS 'SELECT $1 + $2;' LANGUAGE sql", 2),
            new SqlStatement("SELECT 1 AS a$b, 2 AS c$$", 3),
            new SqlStatement("EXECUTE p(1, 2)", 4));
  }

  @Test
  void escapeStringsHaveBackslashEscapesButPlainStringsDoNot() {
    String script =
        "SELECT E'it\\'s; \\\\', e'x\\'';\nSELECT 'C:\\';\nSELECT U&'d\\0061t' ;\nSELECT 2";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("SELECT E'it\\'s; \\\\', e'x\\''", 1),
            new SqlStatement("SELECT 'C:\\'", 2),
            new SqlStatement("SELECT U&'d\\0061t'", 3),
            new SqlStatement("SELECT 2", 4));
  }

  @Test
  void anIdentifierEndingInEIsNotAnEscapeString() {
    // "name" followed by a standard string whose backslash does not escape the quote
    assertThat(sql("SELECT 1 AS name, typename'\\'; SELECT 2"))
        .containsExactly("SELECT 1 AS name, typename'\\'", "SELECT 2");
  }

  @Test
  void blockCommentsNest() {
    String script =
        "/* outer /* inner; */ still; comment */ SELECT 1; /* a /* b /* c */ */ ; */\nSELECT 2";

    assertThat(splitter.split(script))
        .containsExactly(new SqlStatement("SELECT 1", 1), new SqlStatement("SELECT 2", 2));
  }

  @Test
  void unclosedNestedCommentNamesItsLine() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n/* a /* b */\nSELECT 2;"))
        .isInstanceOfSatisfying(SqlSplitException.class, e -> assertThat(e.line()).isEqualTo(2));
  }

  @Test
  void unterminatedDollarQuoteAndEscapeString() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n\nDO $body$ BEGIN NULL; END $$;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem())
                  .isEqualTo(
                      "unterminated dollar-quoted string starting here; close it with $body$");
            });
    assertThatThrownBy(() -> splitter.split("SELECT 1;\nSELECT E'\\';\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).startsWith("unterminated escape string literal");
            });
  }

  @Test
  void copyFromStdinIsRefusedAtItsLine() {
    String script = "CREATE TABLE t (a int);\n\nCOPY t (a)\n  FROM stdin;\n1\n2\n\\.\nSELECT 1;";

    assertThatThrownBy(() -> splitter.split(script))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem())
                  .contains("COPY ... FROM stdin")
                  .contains("INSERT statements or a Java migration");
            });
  }

  @Test
  void copyFromAFileOrATableNamedStdinIsAllowed() {
    assertThat(sql("COPY t FROM '/tmp/t.csv' WITH (FORMAT csv); COPY stdin FROM '/x';"))
        .containsExactly("COPY t FROM '/tmp/t.csv' WITH (FORMAT csv)", "COPY stdin FROM '/x'");
  }

  @Test
  void psqlMetaCommandsAreRefusedAtTheirLine() {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n\\connect other\nSELECT 2;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem())
                  .startsWith("psql meta-command \\connect is not SQL and must be removed");
            });
    assertThatThrownBy(() -> splitter.split("\n  \\set ON_ERROR_STOP on\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("\\set");
            });
  }

  @Test
  void backslashesInsideStringsAndBodiesAreNotMetaCommands() {
    assertThat(sql("SELECT '\n\\c x';\nDO $$ BEGIN RAISE NOTICE '\\n'; END $$;"))
        .containsExactly("SELECT '\n\\c x'", "DO $$ BEGIN RAISE NOTICE '\\n'; END $$");
  }

  private static final String ATOMIC =
      """
      CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL);
      CREATE OR REPLACE FUNCTION label(q int) RETURNS text
        LANGUAGE sql
        BEGIN ATOMIC
          SELECT CASE WHEN q > 10 THEN 'many' ELSE 'few' END;
        END;
      CREATE PROCEDURE restock(n int)
        LANGUAGE sql
        BEGIN ATOMIC
          UPDATE item SET qty = qty + n WHERE qty < 5;
          INSERT INTO item SELECT 100, CASE n WHEN 1 THEN 1 ELSE n END;
        END;
      INSERT INTO item VALUES (1, 3), (2, 50);
      CALL restock(20);
      """;

  @Test
  void beginAtomicBodiesStayWholeWithCaseEndInside() {
    List<SqlStatement> statements = splitter.split(ATOMIC);

    assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 2, 7, 13, 14);
    assertThat(statements.get(1).sql())
        .endsWith("SELECT CASE WHEN q > 10 THEN 'many' ELSE 'few' END;\n  END");
    assertThat(statements.get(2).sql())
        .startsWith("CREATE PROCEDURE restock(n int)")
        .endsWith("ELSE n END;\n  END");
  }

  @Test
  void beginAtomicBodiesRunOnRealPostgres() throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(ATOMIC));

      assertThat(TestDatabases.count(connection, "SELECT sum(qty) FROM item")).isEqualTo(93);
      assertThat(TestDatabases.queryString(connection, "SELECT label(11)")).isEqualTo("many");
    }
  }

  @Test
  void transactionBeginAndEndAreOrdinaryStatements() {
    assertThat(sql("BEGIN;\nCREATE TABLE t (a int);\nEND;\nBEGIN TRANSACTION; COMMIT;"))
        .containsExactly("BEGIN", "CREATE TABLE t (a int)", "END", "BEGIN TRANSACTION", "COMMIT");
  }

  @Test
  void unclosedBeginAtomicNamesTheRoutineLine() {
    assertThatThrownBy(
            () ->
                splitter.split(
                    "SELECT 1;\nCREATE FUNCTION f() RETURNS int\nBEGIN ATOMIC\nSELECT 1;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("BEGIN ATOMIC").contains("END");
            });
  }

  @Test
  void semicolonsInsideParenthesesDoNotSplitLikePsql() {
    String script =
        "CREATE TABLE log (msg text);\nCREATE TABLE t (a int);\n"
            + "CREATE RULE keep AS ON INSERT TO t DO ALSO (\n"
            + "  INSERT INTO log VALUES ('one');\n  INSERT INTO log VALUES ('two')\n);\n"
            + "INSERT INTO t VALUES (1);";

    assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(1, 2, 3, 7);
  }

  @Test
  void multiActionRuleRunsOnRealPostgres() throws Exception {
    String script =
        "CREATE TABLE log (msg text);\nCREATE TABLE t (a int);\n"
            + "CREATE RULE keep AS ON INSERT TO t DO ALSO (\n"
            + "  INSERT INTO log VALUES ('one');\n  INSERT INTO log VALUES ('two')\n);\n"
            + "INSERT INTO t VALUES (1);";
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(script));

      assertThat(TestDatabases.count(connection, "SELECT count(*) FROM log")).isEqualTo(2);
    }
  }

  @Test
  void dollarQuotesAndEscapeStringsRunOnRealPostgres() throws Exception {
    String script =
        """
        CREATE TABLE note (body text);
        CREATE FUNCTION add_note(t text) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
          INSERT INTO note VALUES (t || $$;$$);
        END
        $fn$;
        SELECT add_note(E'a\\'b');
        INSERT INTO note VALUES ('C:\\');
        """;
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, splitter.split(script));

      assertThat(
              TestDatabases.queryString(
                  connection, "SELECT string_agg(body, '|' ORDER BY body) FROM note"))
          .isEqualTo("C:\\|a'b;");
    }
  }
}

package dev.retort.dialect.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules all three splitters share. */
class CommonRulesTest {
  static Stream<Named<SqlSplitter>> splitters() {
    return Stream.of(
        Named.of("sqlite", new SqliteSplitter()),
        Named.of("postgresql", new PostgresSplitter()),
        Named.of("mysql", new MySqlSplitter()));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void splitsAtSemicolonsTrimsAndDropsTheDelimiter(SqlSplitter splitter) {
    List<SqlStatement> statements =
        splitter.split("CREATE TABLE t (a INT);\n  INSERT INTO t VALUES (1) ;\n\nSELECT a FROM t");

    assertThat(statements)
        .containsExactly(
            new SqlStatement("CREATE TABLE t (a INT)", 1),
            new SqlStatement("INSERT INTO t VALUES (1)", 2),
            new SqlStatement("SELECT a FROM t", 4));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void dropsEmptyAndCommentOnlyStatements(SqlSplitter splitter) {
    String script =
        ";;\n-- only a comment\n;\n/* block\n comment */ ;\n   \n-- trailing comment\n/* x */";

    assertThat(splitter.split(script)).isEmpty();
    assertThat(splitter.split("")).isEmpty();
    assertThat(splitter.split("  \n\t\n")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void dropsLeadingCommentsAndCountsTheLineOfTheFirstSqlCharacter(SqlSplitter splitter) {
    String script =
        "-- header\n/* a\n   block */\n\n   SELECT 1;\n-- note; with a semicolon\nSELECT /* ; */ 2 -- ;\n;";

    assertThat(splitter.split(script))
        .containsExactly(new SqlStatement("SELECT 1", 5), new SqlStatement("SELECT /* ; */ 2", 7));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void keepsCommentsInsideAStatement(SqlSplitter splitter) {
    String script = "SELECT 1, -- first; column\n  2 /* second; */ FROM x;";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("SELECT 1, -- first; column\n  2 /* second; */ FROM x", 1));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void semicolonsInsideStringsAndQuotedIdentifiersDoNotSplit(SqlSplitter splitter) {
    String script =
        "INSERT INTO t VALUES ('a;b', 'it''s; fine');\n"
            + "SELECT 1 AS \"odd;name\", 2 AS \"with \"\"quote\"\";\";\n"
            + "SELECT 'multi\nline;\nstring';\nSELECT 4";

    assertThat(splitter.split(script))
        .containsExactly(
            new SqlStatement("INSERT INTO t VALUES ('a;b', 'it''s; fine')", 1),
            new SqlStatement("SELECT 1 AS \"odd;name\", 2 AS \"with \"\"quote\"\";\"", 2),
            new SqlStatement("SELECT 'multi\nline;\nstring'", 3),
            new SqlStatement("SELECT 4", 6));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void commentMarkersInsideStringsAreText(SqlSplitter splitter) {
    String script = "SELECT '-- not a comment', '/* nor this'; SELECT 2";

    assertThat(splitter.split(script))
        .extracting(SqlStatement::sql)
        .containsExactly("SELECT '-- not a comment', '/* nor this'", "SELECT 2");
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void crlfLineEndsAndAByteOrderMark(SqlSplitter splitter) {
    String script = "\ufeffSELECT 1;\r\n\r\nSELECT\r\n 2;\r\n";

    assertThat(splitter.split(script))
        .containsExactly(new SqlStatement("SELECT 1", 1), new SqlStatement("SELECT\r\n 2", 3));
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void unterminatedStringNamesTheLineWhereItStarts(SqlSplitter splitter) {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n\nSELECT 'abc;\nSELECT 2;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem())
                  .startsWith("unterminated string literal starting here; close it");
              assertThat(e.getMessage()).startsWith("line 3: unterminated");
            });
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void unterminatedBlockCommentNamesTheLineWhereItStarts(SqlSplitter splitter) {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\n/* open\n\n\nSELECT 2;"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem())
                  .isEqualTo("unterminated block comment starting here; close it with */");
            });
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void unterminatedDoubleQuoteNamesTheLineWhereItStarts(SqlSplitter splitter) {
    assertThatThrownBy(() -> splitter.split("SELECT 1;\nSELECT 2;\nSELECT \"x;\n"))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem()).startsWith("unterminated ").contains("close it with \"");
            });
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void aLastStatementWithoutDelimiterIsKept(SqlSplitter splitter) {
    assertThat(splitter.split("SELECT 1;\n\nSELECT 2 -- no semicolon\n"))
        .containsExactly(new SqlStatement("SELECT 1", 1), new SqlStatement("SELECT 2", 3));
  }
}

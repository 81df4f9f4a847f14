package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlMigrationParserTest {
  private static final String FULL =
      String.join(
          "\n",
          "-- a leading comment, not a directive",
          "-- retort:revision 3f9a1c2e7b10",
          "-- retort:parents 1a2b3c, 4d5e6f",
          "-- retort:description add email to users",
          "-- retort:transaction false",
          "",
          "-- retort:up",
          "ALTER TABLE users ADD COLUMN email TEXT;",
          "UPDATE users SET email = '';",
          "-- retort:down",
          "ALTER TABLE users DROP COLUMN email;",
          "");

  @Test
  void readsEveryDirective() {
    Migration m = SqlMigrationParser.parse("m/add_email.sql", FULL);

    assertThat(m.id()).isEqualTo("3f9a1c2e7b10");
    assertThat(m.parents()).containsExactly("1a2b3c", "4d5e6f");
    assertThat(m.description()).isEqualTo("add email to users");
    assertThat(m.transactional()).isFalse();
    assertThat(m.origin()).isEqualTo("m/add_email.sql");
    assertThat(m.up().sql())
        .isEqualTo("ALTER TABLE users ADD COLUMN email TEXT;\nUPDATE users SET email = '';\n");
    assertThat(m.down().sql()).isEqualTo("ALTER TABLE users DROP COLUMN email;\n\n");
    assertThat(m.hasDown()).isTrue();
    assertThat(m.isJava()).isFalse();
  }

  @Test
  void scriptsKnowTheFileLineTheyStartOn() {
    Migration m = SqlMigrationParser.parse("f.sql", FULL);

    // "-- retort:up" is line 7 and "-- retort:down" line 10 of FULL.
    assertThat(m.up().firstLine()).isEqualTo(8);
    assertThat(m.down().firstLine()).isEqualTo(11);
  }

  @Test
  void crlfAndCrLineEndingsGiveTheSameLinesAndSql() {
    Migration lf = SqlMigrationParser.parse("f.sql", FULL);
    Migration crlf = SqlMigrationParser.parse("f.sql", FULL.replace("\n", "\r\n"));
    Migration cr = SqlMigrationParser.parse("f.sql", FULL.replace("\n", "\r"));

    for (Migration m : new Migration[] {crlf, cr}) {
      assertThat(m.up()).isEqualTo(lf.up());
      assertThat(m.down()).isEqualTo(lf.down());
      assertThat(m.checksum()).isEqualTo(lf.checksum());
    }
  }

  @Test
  void optionalDirectivesHaveDefaults() {
    Migration m =
        SqlMigrationParser.parse("f.sql", "-- retort:revision first\n-- retort:up\nSELECT 1;\n");

    assertThat(m.parents()).isEmpty();
    assertThat(m.description()).isEmpty();
    assertThat(m.transactional()).isTrue();
    assertThat(m.down()).isNull();
    assertThat(m.hasDown()).isFalse();
  }

  @Test
  void baseAsParentMeansRootAndSpacesOrCommasSeparateParents() {
    Migration root =
        SqlMigrationParser.parse(
            "f.sql", "-- retort:revision a\n-- retort:parents base\n-- retort:up\n");
    Migration merge =
        SqlMigrationParser.parse(
            "f.sql", "-- retort:revision m\n-- retort:parents x  y,z , w\n-- retort:up\n");

    assertThat(root.parents()).isEmpty();
    assertThat(merge.parents()).containsExactly("x", "y", "z", "w");
  }

  @Test
  void directivesTolerateIndentationAndMissingSpaceAfterDashes() {
    Migration m =
        SqlMigrationParser.parse(
            "f.sql", "  --retort:revision a\n\t--   retort:up\nSELECT 1;\n  -- retort:down  \n");

    assertThat(m.id()).isEqualTo("a");
    assertThat(m.up().sql()).isEqualTo("SELECT 1;\n");
    assertThat(m.down()).isNotNull();
  }

  @Test
  void aByteOrderMarkBeforeTheFirstDirectiveIsIgnored() {
    Migration m =
        SqlMigrationParser.parse("f.sql", "\uFEFF-- retort:revision a\n-- retort:up\nSELECT 1;\n");

    assertThat(m.id()).isEqualTo("a");
    assertThat(m.up().firstLine()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource({"true,true", "on,true", "YES,true", "false,false", "Off,false", "no,false"})
  void transactionTakesBooleanWords(String value, boolean expected) {
    Migration m =
        SqlMigrationParser.parse(
            "f.sql", "-- retort:revision a\n-- retort:transaction " + value + "\n-- retort:up\n");

    assertThat(m.transactional()).isEqualTo(expected);
  }

  @Test
  void checksumCoversTheUpPartOnly() {
    String base = "-- retort:revision a\n-- retort:up\nCREATE TABLE t (x INT);\n-- retort:down\n";
    Migration m = SqlMigrationParser.parse("f.sql", base + "DROP TABLE t;\n");
    Migration otherDown = SqlMigrationParser.parse("f.sql", base + "DROP TABLE IF EXISTS t;\n");
    Migration otherUp =
        SqlMigrationParser.parse("f.sql", base.replace("INT", "TEXT") + "DROP TABLE t;\n");

    assertThat(m.checksum()).isEqualTo(Checksums.of("CREATE TABLE t (x INT);\n"));
    assertThat(otherDown.checksum()).isEqualTo(m.checksum());
    assertThat(otherUp.checksum()).isNotEqualTo(m.checksum());
  }

  @Test
  void idsAcceptLettersDigitsDotsDashesAndUnderscoresUpTo128() {
    assertThat(SqlMigrationParser.isValidId("20240101_120000-a.b")).isTrue();
    assertThat(SqlMigrationParser.isValidId("a".repeat(128))).isTrue();
    assertThat(SqlMigrationParser.isValidId("a".repeat(129))).isFalse();
    assertThat(SqlMigrationParser.isValidId("-leading-dash")).isFalse();
    assertThat(SqlMigrationParser.isValidId("has space")).isFalse();
    assertThat(SqlMigrationParser.isValidId("")).isFalse();
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of(
            "missing revision",
            "-- retort:description x\n-- retort:up\nSELECT 1;\n",
            1,
            "no '-- retort:revision <id>' line"),
        Arguments.of(
            "missing up, reported at the last line",
            "-- retort:revision a\nSELECT 1;\nSELECT 2;\n",
            3,
            "no '-- retort:up' marker"),
        Arguments.of(
            "unknown directive",
            "-- retort:revision a\n-- retort:transction false\n-- retort:up\n",
            2,
            "unknown directive 'retort:transction'"),
        Arguments.of(
            "duplicate directive",
            "-- retort:revision a\n-- retort:description x\n-- retort:description y\n"
                + "-- retort:up\n",
            3,
            "'retort:description' given twice"),
        Arguments.of(
            "duplicate revision",
            "-- retort:revision a\n-- retort:revision b\n-- retort:up\n",
            2,
            "'retort:revision' given twice"),
        Arguments.of(
            "directive after up",
            "-- retort:revision a\n-- retort:up\nSELECT 1;\n-- retort:parents b\n",
            4,
            "directive 'retort:parents' must come before '-- retort:up'"),
        Arguments.of(
            "down before up",
            "-- retort:revision a\n-- retort:down\nSELECT 1;\n-- retort:up\n",
            2,
            "'-- retort:down' before '-- retort:up'"),
        Arguments.of(
            "second up",
            "-- retort:revision a\n-- retort:up\n-- retort:up\n",
            3,
            "a second '-- retort:up' marker"),
        Arguments.of(
            "second down",
            "-- retort:revision a\n-- retort:up\n-- retort:down\n\n-- retort:down\n",
            5,
            "a second '-- retort:down' marker"),
        Arguments.of(
            "bad id",
            "-- a comment\n-- retort:revision bad/id\n-- retort:up\n",
            2,
            "revision id 'bad/id' is not valid"),
        Arguments.of(
            "empty id", "-- retort:revision\n-- retort:up\n", 1, "revision id '' is not valid"),
        Arguments.of(
            "bad parent id",
            "-- retort:revision a\n-- retort:parents b c!d\n-- retort:up\n",
            2,
            "parent id 'c!d' is not valid"),
        Arguments.of(
            "parent listed twice",
            "-- retort:revision a\n-- retort:parents b b\n-- retort:up\n",
            2,
            "parent b is listed twice"),
        Arguments.of(
            "self parent",
            "-- retort:revision a\n\n-- retort:parents b a\n-- retort:up\n",
            3,
            "revision a names itself a parent"),
        Arguments.of(
            "bad transaction value",
            "-- retort:revision a\n-- retort:transaction maybe\n-- retort:up\n",
            2,
            "'retort:transaction maybe' must be true or false"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void brokenFilesNameFileAndLine(String what, String text, int line, String problem) {
    assertThatThrownBy(() -> SqlMigrationParser.parse("db/broken.sql", text))
        .isInstanceOf(RetortException.class)
        .hasMessageStartingWith("db/broken.sql:" + line + ": ")
        .hasMessageContaining(problem)
        .satisfies(
            e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.MIGRATION_SOURCE));
  }

  @Test
  void anUnknownDirectiveMessageListsTheKnownOnes() {
    assertThatThrownBy(
            () ->
                SqlMigrationParser.parse(
                    "f.sql", "-- retort:revision a\n-- retort:Parent b\n-- retort:up\n"))
        .hasMessageContaining("'retort:Parent'")
        .hasMessageContaining("retort:parents");
  }
}

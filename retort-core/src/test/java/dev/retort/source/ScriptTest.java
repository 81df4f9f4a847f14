package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  \n\t\n",
        "-- merges a, b; add SQL only if needed\n",
        "-- no newline at the end",
        "/* a block\n   over lines */\n",
        "-- one\n/* two */ -- three\n\n"
      })
  void blanksAndCommentsAreBlank(String sql) {
    assertThat(new Script(sql, 1).isBlank()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1;",
        "-- comment\nDROP TABLE t;",
        "/* c */ DROP TABLE t;",
        "/* unterminated",
        "# a MySQL comment counts as a statement: doubt means not blank",
        ";"
      })
  void anythingElseIsAStatement(String sql) {
    assertThat(new Script(sql, 1).isBlank()).isFalse();
  }

  @Test
  void aMigrationWhoseUpRunsNothingNeedsNoDownPart() {
    Migration merge =
        SqlMigrationParser.parse(
            "m.sql",
            "-- retort:revision m\n-- retort:parents a b\n-- retort:up\n-- merges a, b\n"
                + "-- retort:down\n\n");
    Migration commentedDown =
        SqlMigrationParser.parse(
            "c.sql",
            "-- retort:revision c\n-- retort:up\nCREATE TABLE t (x INT);\n-- retort:down\n"
                + "-- DROP TABLE t;\n");

    assertThat(merge.hasDown()).isTrue();
    assertThat(commentedDown.hasDown()).isFalse();
  }
}

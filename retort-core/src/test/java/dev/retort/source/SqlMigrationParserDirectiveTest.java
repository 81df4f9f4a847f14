package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parser's hand-written matching of directives, ids and parent lists is exactly the regexes it
 * replaced (kept here as the specification), only cheaper when the JVM starts cold.
 */
class SqlMigrationParserDirectiveTest {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\s*--\\s*retort:([A-Za-z-]+)\\s*(.*?)\\s*$");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");

  private static void sameDirective(String line) {
    Matcher m = DIRECTIVE.matcher(line);
    String[] d = SqlMigrationParser.directive(line);
    String shown = line.replace("\t", "\\t").replace("\f", "\\f");
    if (m.matches()) {
      assertThat(d).as(shown).containsExactly(m.group(1), m.group(2));
    } else {
      assertThat(d).as(shown).isNull();
    }
  }

  @Test
  void directivesLikeTheRegex() {
    for (String line :
        new String[] {
          "-- retort:up",
          "--retort:down",
          "   --   retort:revision   abc123   ",
          "\t-- retort:parents a, b\tc ",
          "-- retort:description  add  two  spaces ",
          "-- retort: up",
          "-- retort:",
          "-- retort:up1",
          "-- retort:up-down value",
          "-- retort:transaction\u000Bfalse\f",
          "- retort:up",
          "SELECT 1; -- retort:up",
          "-- RETORT:up",
          "-- retort:Revision X",
          "-- retort:transction false",
          "--- retort:up",
          "-- -- retort:up",
          "",
          "--",
          "-- retort:up;",
        }) {
      sameDirective(line);
    }
  }

  @Test
  void randomLinesLikeTheRegex() {
    Random random = new Random(20261122);
    String[] parts = {
      "-", "--", " ", "\t", "retort:", "up", "down", "re", "x", "1", ":", ";", "a b"
    };
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder();
      int n = random.nextInt(7);
      for (int k = 0; k < n; k++) {
        line.append(parts[random.nextInt(parts.length)]);
      }
      sameDirective(line.toString());
    }
  }

  @Test
  void idsLikeTheRegex() {
    String[] ids = {
      "a",
      "A1",
      "0",
      "r0001",
      "a_b.c-d",
      "_a",
      ".a",
      "-a",
      "a b",
      "a/b",
      "",
      "é",
      "a\u00e9",
      "x".repeat(128),
      "x".repeat(129),
      "a:b"
    };
    for (String id : ids) {
      assertThat(SqlMigrationParser.isValidId(id)).as(id).isEqualTo(ID.matcher(id).matches());
    }
  }

  @Test
  void parentListsSplitOnCommasAndBlanks() {
    Migration m =
        SqlMigrationParser.parse(
            "m.sql",
            "-- retort:revision c\n-- retort:parents , a,b\t base  d,,\n-- retort:up\nSELECT 1;\n");
    assertThat(m.parents()).containsExactly("a", "b", "d");
  }
}

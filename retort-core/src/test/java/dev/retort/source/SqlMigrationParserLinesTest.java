package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser's line splitting is exactly {@code split("\r\n|\r|\n", -1)}, only faster. */
class SqlMigrationParserLinesTest {
  private static void same(String text) {
    assertThat(SqlMigrationParser.lines(text))
        .as("%s", text.replace("\r", "\\r").replace("\n", "\\n"))
        .containsExactly(text.split("\r\n|\r|\n", -1));
  }

  @Test
  void everyKindOfLineBreakAndEdge() {
    for (String s :
        new String[] {
          "",
          "a",
          "a\n",
          "\n",
          "\n\n",
          "a\r\nb",
          "a\rb",
          "a\r",
          "\r\n",
          "\r\r\n",
          "\n\r",
          "a\n\rb",
          "a\r\n\r\nb\n",
          "-- retort:up\r\nSELECT 1;\r\n"
        }) {
      same(s);
    }
  }

  @Test
  void randomTextsOfLineBreaksAndLetters() {
    Random random = new Random(42);
    char[] alphabet = {'a', 'b', '\r', '\n', ' '};
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      same(sb.toString());
    }
  }
}

package dev.retort.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlLinesTest {
  @Test
  void linesEndAtLfCrlfOrALoneCrAsStringLinesDoes() {
    for (String text :
        List.of(
            "a = 1\nb = 2\n",
            "a = 1\r\nb = 2",
            "a = 1\rb = 2\r\n\r\n[t]\nc = 3",
            "",
            "\n\n",
            "x\r")) {
      TomlLines lines = new TomlLines(text);
      List<String> expected = text.lines().toList();
      for (int i = 0; i < expected.size() && !expected.get(i).startsWith("["); i++) {
        String line = expected.get(i); // top-level keys: under a table they need its name
        int eq = line.indexOf('=');
        if (eq > 0) {
          assertThat(lines.lineOf(List.of(line.substring(0, eq).strip())))
              .as(text.replace("\r", "\\r").replace("\n", "\\n"))
              .isEqualTo(i + 1);
        }
      }
    }
    assertThat(new TomlLines("a = 1\rb = 2\r\n\r\n[t]\nc = 3").lineOf(List.of("t", "c")))
        .isEqualTo(5);
  }
}

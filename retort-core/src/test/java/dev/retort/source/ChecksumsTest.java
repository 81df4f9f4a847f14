package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumsTest {
  private static final String SQL =
      "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT\n);\nINSERT INTO users VALUES"
          + " (1, 'a');\n";

  @Test
  void isTheHexSha256OfTheNormalisedText() {
    // printf 'SELECT 1;' | sha256sum
    assertThat(Checksums.of("SELECT 1;"))
        .isEqualTo("17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "crlf",
        "cr",
        "trailing spaces",
        "trailing tabs",
        "bom",
        "leading blank lines",
        "trailing blank lines",
        "all at once"
      })
  void cosmeticEditsKeepTheChecksum(String edit) {
    String edited =
        switch (edit) {
          case "crlf" -> SQL.replace("\n", "\r\n");
          case "cr" -> SQL.replace("\n", "\r");
          case "trailing spaces" -> SQL.replace("\n", "   \n");
          case "trailing tabs" -> SQL.replace("\n", "\t \t\n");
          case "bom" -> "\uFEFF" + SQL;
          case "leading blank lines" -> "\n  \n\r\n" + SQL;
          case "trailing blank lines" -> SQL + "\n\n   \n";
          case "all at once" -> "\uFEFF\r\n" + SQL.replace("\n", " \r\n") + "\r\n\r\n";
          default -> throw new IllegalArgumentException(edit);
        };

    assertThat(edited).isNotEqualTo(SQL);
    assertThat(Checksums.of(edited)).isEqualTo(Checksums.of(SQL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a changed value",
        "a changed identifier",
        "indentation inside",
        "a removed statement",
        "an added blank line inside"
      })
  void realChangesChangeTheChecksum(String edit) {
    String edited =
        switch (edit) {
          case "a changed value" -> SQL.replace("'a'", "'b'");
          case "a changed identifier" -> SQL.replace("name", "nom");
          case "indentation inside" -> SQL.replace("  id", "    id");
          case "a removed statement" -> SQL.substring(0, SQL.indexOf("INSERT"));
          case "an added blank line inside" -> SQL.replace(");\n", ");\n\n");
          default -> throw new IllegalArgumentException(edit);
        };

    assertThat(edited).isNotEqualTo(SQL);
    assertThat(Checksums.of(edited)).isNotEqualTo(Checksums.of(SQL));
  }

  @Test
  void normalisedTextUsesLfAndHasNoBlankEdges() {
    assertThat(Checksums.normalise("\uFEFF\r\n a \r\nb\t\r\n\r\n")).isEqualTo("a\nb");
  }

  @Test
  void theAlgorithmHasAVersionedName() {
    assertThat(Checksums.ALGORITHM).isEqualTo("sha256-norm-v1");
  }
}

package dev.retort.cli.config;

import java.util.List;
import java.util.Locale;

/**
 * What a TOML syntax error is, in words that never quote the file. The parser's own messages quote
 * the text around the error ("The string begins with: \"hunter2\"", "Invalid value true2", "in
 * numberhunter2"), and that text may be a password: only the kind of mistake is kept, and the
 * caller names the file and line.
 */
final class TomlSyntax {
  private TomlSyntax() {}

  private record Kind(List<String> markers, String description) {}

  /** First match wins: the more specific markers come first. */
  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              List.of("newline in basic string", "newline in literal string"),
              "a string is not closed on its line (end it with its quote, or use a \"\"\" string)"),
          new Kind(
              List.of("not enough data"),
              "the file ends inside a value (an unclosed string, array or inline table)"),
          new Kind(List.of("only whitespaces"), "a key without a value"),
          new Kind(List.of("defined twice", "duplicate key"), "a key or table defined twice"),
          new Kind(
              List.of("escapement", "unicode codepoint"),
              "an invalid escape sequence in a string (write \\\\ for a backslash)"),
          new Kind(List.of("control character"), "a control character inside a string"),
          new Kind(
              List.of("table name", "table declaration", "array of tables", "tables names"),
              "an invalid [table] header"),
          new Kind(List.of("inline table"), "an invalid inline table { ... }"),
          new Kind(List.of("after table entry"), "unexpected text after a value"),
          new Kind(
              List.of("bare key", "after key"),
              "an invalid key (bare keys are letters, digits, '-' and '_')"),
          new Kind(
              List.of(
                  "number",
                  "integer",
                  "floating-point",
                  "invalid value",
                  "boolean",
                  "temporal",
                  "date and time",
                  "unsupported base",
                  "null values"),
              "a value that is not a quoted string, number, boolean, date, array or table"
                  + " (put text in quotes)"));

  /** The kind of mistake the parser's message describes, without any of the text it quotes. */
  static String describe(String parserMessage) {
    String message = parserMessage == null ? "" : parserMessage.toLowerCase(Locale.ROOT);
    for (Kind kind : KINDS) {
      for (String marker : kind.markers()) {
        if (message.contains(marker)) {
          return kind.description();
        }
      }
    }
    return "a syntax error";
  }
}

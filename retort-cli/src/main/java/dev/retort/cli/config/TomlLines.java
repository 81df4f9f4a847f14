package dev.retort.cli.config;

import dev.retort.source.SqlMigrationParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the line a key was written on, for error messages. night-config keeps no positions, so this
 * scans the text: table headers and the left-hand side of {@code key = value} lines. It is a best
 * effort for messages only (a key inside a multi-line string could fool it); values always come
 * from night-config's parse.
 */
final class TomlLines {
  private final List<String> lines;

  TomlLines(String text) {
    // Split by hand, as migration files are: String.lines() brings up the stream framework,
    // which a command in a new JVM pays for in its interpreter (docs/benchmarks.md). A trailing
    // empty line names no key.
    this.lines = List.of(SqlMigrationParser.lines(text));
  }

  /** The 1-based line where {@code path} (table names then key) is defined, or 0 if not found. */
  int lineOf(List<String> path) {
    String full = String.join(".", path);
    String table = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("[") && !line.startsWith("[[")) {
        int close = line.indexOf(']');
        if (close < 0) {
          continue;
        }
        table = normalize(line.substring(1, close));
        if (table.equals(full) || table.startsWith(full + ".")) {
          return i + 1;
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String key = normalize(line.substring(0, eq));
      String qualified = table.isEmpty() ? key : table + "." + key;
      if (qualified.equals(full) || qualified.startsWith(full + ".")) {
        return i + 1;
      }
    }
    return 0;
  }

  /** {@code "profiles" . 'prod'} and {@code profiles.prod} name the same table. */
  private static String normalize(String dotted) {
    List<String> parts = new ArrayList<>();
    for (String part : dotted.split("\\.", -1)) {
      String p = part.strip();
      if (p.length() >= 2
          && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
        p = p.substring(1, p.length() - 1);
      }
      parts.add(p);
    }
    return String.join(".", parts);
  }
}

package dev.retort.source;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a SQL migration file. The format is plain SQL with directives in line comments, so the
 * file reads well in any editor and in a pull request:
 *
 * <pre>
 * -- retort:revision 3f9a1c2e7b10
 * -- retort:parents 1a2b3c4d5e6f
 * -- retort:description add email to users
 * -- retort:transaction false        (optional: run outside a transaction)
 * -- retort:up
 * ALTER TABLE users ADD COLUMN email TEXT;
 * -- retort:down
 * ALTER TABLE users DROP COLUMN email;
 * </pre>
 *
 * A directive Retort does not know is an error, not a comment: a typo such as {@code
 * retort:transction} must not silently change how a migration runs.
 */
public final class SqlMigrationParser {
  private static final String DIRECTIVE_PREFIX = "retort:";
  private static final int MAX_ID = 128;
  private static final List<String> HEADER_KEYS =
      List.of("revision", "parents", "description", "transaction");

  private SqlMigrationParser() {}

  /** True when a revision id is well formed: letters, digits, '_', '.', '-'; 128 at most. */
  public static boolean isValidId(String id) {
    if (id.isEmpty() || id.length() > MAX_ID || !isAsciiLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * A directive line, {@code -- retort:key value}: the key as written and the value without its
   * surrounding blanks; null for any other line. Matched by hand, not with a regex: at start-up the
   * JVM runs regexes in its interpreter, and they were most of the time spent parsing 200 files.
   */
  static String[] directive(String line) {
    int i = skipBlanks(line, 0);
    if (!line.startsWith("--", i)) {
      return null;
    }
    i = skipBlanks(line, i + 2);
    if (!line.startsWith(DIRECTIVE_PREFIX, i)) {
      return null;
    }
    int keyStart = i + DIRECTIVE_PREFIX.length();
    int keyEnd = keyStart;
    while (keyEnd < line.length()
        && (isAsciiLetter(line.charAt(keyEnd)) || line.charAt(keyEnd) == '-')) {
      keyEnd++;
    }
    if (keyEnd == keyStart) {
      return null;
    }
    int valueStart = skipBlanks(line, keyEnd);
    int valueEnd = line.length();
    while (valueEnd > valueStart && isBlank(line.charAt(valueEnd - 1))) {
      valueEnd--;
    }
    return new String[] {line.substring(keyStart, keyEnd), line.substring(valueStart, valueEnd)};
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && isBlank(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /** What a regex's \\s matches. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  /**
   * Parses {@code text}, read from {@code origin} (used in error messages).
   *
   * @throws RetortException {@link ErrorCode#MIGRATION_SOURCE} naming the origin and line
   */
  public static Migration parse(String origin, String text) {
    // Editors on Windows save UTF-8 with a byte order mark; it must not hide the first directive.
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = lines(body);
    // A final line break ends the last line; it does not start one more.
    int lastLine =
        lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, Integer> headerLines = new LinkedHashMap<>();
    int upLine = -1;
    int downLine = -1;
    StringBuilder up = new StringBuilder();
    StringBuilder down = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String[] d = directive(lines[i]);
      if (d != null) {
        String key = d[0].toLowerCase(Locale.ROOT);
        String value = d[1];
        if (key.equals("up")) {
          if (upLine >= 0) {
            throw error(origin, lineNo, "a second '-- retort:up' marker; a file has one up part");
          }
          upLine = lineNo;
          continue;
        }
        if (key.equals("down")) {
          if (upLine < 0) {
            throw error(origin, lineNo, "'-- retort:down' before '-- retort:up'; put up first");
          }
          if (downLine >= 0) {
            throw error(
                origin, lineNo, "a second '-- retort:down' marker; a file has one down part");
          }
          downLine = lineNo;
          continue;
        }
        if (!HEADER_KEYS.contains(key)) {
          throw error(
              origin,
              lineNo,
              "unknown directive 'retort:"
                  + d[0]
                  + "'; known: retort:revision, retort:parents, retort:description,"
                  + " retort:transaction, retort:up, retort:down");
        }
        if (upLine >= 0) {
          throw error(
              origin, lineNo, "directive 'retort:" + key + "' must come before '-- retort:up'");
        }
        if (header.containsKey(key)) {
          throw error(origin, lineNo, "'retort:" + key + "' given twice");
        }
        header.put(key, value);
        headerLines.put(key, lineNo);
        continue;
      }
      if (downLine >= 0) {
        down.append(lines[i]).append('\n');
      } else if (upLine >= 0) {
        up.append(lines[i]).append('\n');
      }
    }
    if (!header.containsKey("revision")) {
      throw error(origin, 1, "no '-- retort:revision <id>' line; every migration file needs one");
    }
    String id = header.get("revision");
    if (!isValidId(id)) {
      throw error(
          origin,
          headerLines.get("revision"),
          "revision id '"
              + id
              + "' is not valid; use letters, digits, '_', '.' or '-' (at most 128)");
    }
    if (upLine < 0) {
      throw error(origin, lastLine, "no '-- retort:up' marker; put it before the up SQL");
    }
    List<String> parents = parseParents(origin, headerLines, header.get("parents"));
    if (parents.contains(id)) {
      throw error(origin, headerLines.get("parents"), "revision " + id + " names itself a parent");
    }
    boolean transactional = parseTransaction(origin, headerLines, header.get("transaction"));
    String description = header.getOrDefault("description", "");
    Script upScript = new Script(up.toString(), upLine + 1);
    Script downScript = downLine < 0 ? null : new Script(down.toString(), downLine + 1);
    return new Migration(
        id,
        parents,
        description,
        transactional,
        origin,
        Checksums.of(upScript.sql()),
        upScript,
        downScript,
        null);
  }

  /**
   * The text split at CRLF, CR or LF, keeping a trailing empty line, like split(regex, -1). By
   * hand, not with a regex or String.lines(): a command in a new JVM runs this in its interpreter.
   * Also the CLI's splitter for retort.toml.
   */
  public static String[] lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out.toArray(new String[0]);
  }

  private static List<String> parseParents(
      String origin, Map<String, Integer> headerLines, String value) {
    List<String> parents = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return parents;
    }
    for (String p : words(value)) {
      if (p.equalsIgnoreCase("base")) {
        continue;
      }
      if (!isValidId(p)) {
        throw error(origin, headerLines.get("parents"), "parent id '" + p + "' is not valid");
      }
      if (parents.contains(p)) {
        throw error(origin, headerLines.get("parents"), "parent " + p + " is listed twice");
      }
      parents.add(p);
    }
    return parents;
  }

  /**
   * The words of a list separated by commas and blanks, as in a 'retort:parents' line (and the
   * history table's parents column).
   */
  public static List<String> words(String value) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      while (i < value.length() && (value.charAt(i) == ',' || isBlank(value.charAt(i)))) {
        i++;
      }
      int start = i;
      while (i < value.length() && value.charAt(i) != ',' && !isBlank(value.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(value.substring(start, i));
      }
    }
    return out;
  }

  private static boolean parseTransaction(
      String origin, Map<String, Integer> headerLines, String value) {
    if (value == null) {
      return true;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "on":
      case "yes":
        return true;
      case "false":
      case "off":
      case "no":
        return false;
      default:
        throw error(
            origin,
            headerLines.get("transaction"),
            "'retort:transaction " + value + "' must be true or false");
    }
  }

  private static RetortException error(String origin, int line, String what) {
    return new RetortException(ErrorCode.MIGRATION_SOURCE, origin + ":" + line + ": " + what);
  }
}

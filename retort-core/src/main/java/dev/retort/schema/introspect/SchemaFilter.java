package dev.retort.schema.introspect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which objects of which schema an introspection reads.
 *
 * @param schema the schema (database, on MySQL) to read, or null for the connection's current one;
 *     ignored on SQLite
 * @param include glob patterns ({@code *} any run of characters, {@code ?} one character, matched
 *     case-sensitively against the whole name) a table, view or sequence must match; empty for all
 * @param exclude glob patterns that drop a table, view or sequence even when it is included
 * @param historyTable Retort's own history table, always left out; null when there is none
 */
public record SchemaFilter(
    String schema, List<String> include, List<String> exclude, String historyTable) {

  public SchemaFilter {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  /** Everything in the current schema except the given history table. */
  public static SchemaFilter all(String historyTable) {
    return new SchemaFilter(null, List.of(), List.of(), historyTable);
  }

  /** The same filter for another schema. */
  public SchemaFilter inSchema(String newSchema) {
    return new SchemaFilter(newSchema, include, exclude, historyTable);
  }

  /** Whether a table, view or sequence of this name is read. */
  public boolean accepts(String name) {
    if (name.equals(historyTable)) {
      return false;
    }
    if (!include.isEmpty() && include.stream().noneMatch(g -> matches(g, name))) {
      return false;
    }
    return exclude.stream().noneMatch(g -> matches(g, name));
  }

  static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
  }
}

package dev.retort.schema.op;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a type change visibly keeps every value: a longer string, a wider integer, more
 * numeric digits on both sides of the point, text from any string type. Anything it cannot prove is
 * treated as narrowing, so the change is flagged destructive.
 */
final class TypeWidening {
  private static final Pattern TYPE =
      Pattern.compile("\\s*([a-z][a-z0-9_ ]*?)\\s*(?:\\(([0-9,\\s]+)\\))?\\s*(unsigned)?\\s*");

  /** Integer types in order of range, with their aliases across databases. */
  private static final List<List<String>> INTEGERS =
      List.of(
          List.of("tinyint", "int1"),
          List.of("smallint", "int2"),
          List.of("mediumint", "int3"),
          List.of("integer", "int", "int4"),
          List.of("bigint", "int8"));

  private static final List<String> STRINGS =
      List.of("char", "character", "varchar", "character varying", "nchar", "nvarchar");

  private static final List<String> TEXTS =
      List.of("text", "mediumtext", "longtext", "clob", "character varying", "varchar");

  private TypeWidening() {}

  static boolean isWidening(String from, String to) {
    Matcher a = TYPE.matcher(from.toLowerCase(Locale.ROOT));
    Matcher b = TYPE.matcher(to.toLowerCase(Locale.ROOT));
    if (!a.matches() || !b.matches()) {
      return from.equalsIgnoreCase(to);
    }
    String baseA = a.group(1);
    String baseB = b.group(1);
    int[] argsA = args(a.group(2));
    int[] argsB = args(b.group(2));
    if ((a.group(3) == null) != (b.group(3) == null)) {
      return false; // signed <-> unsigned loses one end of the range
    }
    int rankA = integerRank(baseA);
    int rankB = integerRank(baseB);
    if (rankA >= 0 && rankB >= 0) {
      return rankB >= rankA;
    }
    if (STRINGS.contains(baseA) && argsA.length == 1) {
      if (argsB.length == 0 && TEXTS.contains(baseB)) {
        return true; // varchar(n) -> text / unbounded varchar
      }
      return STRINGS.contains(baseB) && argsB.length == 1 && argsB[0] >= argsA[0];
    }
    if (isNumeric(baseA) && isNumeric(baseB) && argsA.length > 0) {
      if (argsB.length == 0) {
        return baseB.equals("numeric"); // PostgreSQL unconstrained numeric holds any value
      }
      int scaleA = argsA.length > 1 ? argsA[1] : 0;
      int scaleB = argsB.length > 1 ? argsB[1] : 0;
      return scaleB >= scaleA && argsB[0] - scaleB >= argsA[0] - scaleA;
    }
    if (baseA.equals("real") || baseA.equals("float")) {
      return baseB.equals("double precision") || baseB.equals("double");
    }
    return baseA.equals(baseB) && java.util.Arrays.equals(argsA, argsB);
  }

  private static boolean isNumeric(String base) {
    return base.equals("numeric") || base.equals("decimal");
  }

  private static int integerRank(String base) {
    for (int i = 0; i < INTEGERS.size(); i++) {
      if (INTEGERS.get(i).contains(base)) {
        return i;
      }
    }
    return -1;
  }

  private static int[] args(String text) {
    if (text == null || text.isBlank()) {
      return new int[0];
    }
    String[] parts = text.split(",");
    int[] values = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Integer.parseInt(parts[i].trim());
    }
    return values;
  }
}

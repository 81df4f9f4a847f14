package dev.retort.plan;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an upgrade or downgrade should end: {@code head}, {@code heads}, {@code base}, a revision
 * id or unique prefix, {@code +N} / {@code -N} relative to the database, or {@code <id>+N} / {@code
 * <id>-N} relative to a revision.
 */
public sealed interface Target {
  /** The single head of the graph; an error when there are several. */
  record Head() implements Target {}

  /** Every head: apply all branches. */
  record Heads() implements Target {}

  /** Before the first revision: nothing applied. */
  record Base() implements Target {}

  /** N revisions forward (positive) or back (negative) from the database's current state. */
  record Relative(int steps) implements Target {}

  /**
   * A revision given by id or prefix, optionally moved along the graph by {@code offset} steps.
   * {@code text} is what the user typed; an id that itself ends in "-N" resolves as that id.
   */
  record Rev(String text, String ref, int offset) implements Target {}

  Pattern RELATIVE = Pattern.compile("[+-]\\d+");
  Pattern WITH_OFFSET = Pattern.compile("(.+?)([+-]\\d+)");

  /** Parses a target as typed on the command line or passed to the API. */
  static Target parse(String text) {
    String t = text.trim();
    switch (t) {
      case "head":
        return new Head();
      case "heads":
        return new Heads();
      case "base":
        return new Base();
      default:
        break;
    }
    if (RELATIVE.matcher(t).matches()) {
      Integer steps = steps(t);
      if (steps == null) {
        throw new RetortException(
            ErrorCode.TARGET,
            "target " + t + " is too many steps; give a smaller number, a revision, head or base");
      }
      return new Relative(steps);
    }
    Matcher m = WITH_OFFSET.matcher(t);
    if (m.matches()) {
      Integer offset = steps(m.group(2));
      // Too many steps to be an offset: the whole text can still be an id that ends in digits.
      return offset == null ? new Rev(t, t, 0) : new Rev(t, m.group(1), offset);
    }
    return new Rev(t, t, 0);
  }

  /** A signed step count, or null when it does not fit an int. */
  private static Integer steps(String signed) {
    try {
      return Integer.parseInt(signed);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

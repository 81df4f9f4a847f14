package dev.retort.plan;

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
      return new Relative(Integer.parseInt(t));
    }
    Matcher m = WITH_OFFSET.matcher(t);
    if (m.matches()) {
      return new Rev(t, m.group(1), Integer.parseInt(m.group(2)));
    }
    return new Rev(t, t, 0);
  }
}

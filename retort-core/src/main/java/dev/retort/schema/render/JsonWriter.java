package dev.retort.schema.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal pretty-printing JSON writer (two-space indent, one member per line). Retort core has no
 * JSON library dependency, and the schema JSON only needs objects, arrays, strings, numbers and
 * booleans.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  /** For each open container: whether it has a member yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();

  JsonWriter beginObject() {
    return begin('{');
  }

  JsonWriter endObject() {
    return end('}');
  }

  JsonWriter beginArray() {
    return begin('[');
  }

  JsonWriter endArray() {
    return end(']');
  }

  /** Starts a member of the current object; the value follows. */
  JsonWriter name(String name) {
    separator();
    string(name);
    out.append(": ");
    pendingValue = true;
    return this;
  }

  JsonWriter value(String value) {
    prefix();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonWriter value(long value) {
    prefix();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    prefix();
    out.append(value);
    return this;
  }

  /** A string member, left out when the value is null. */
  JsonWriter optional(String name, String value) {
    return value == null ? this : name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private boolean pendingValue;

  private JsonWriter begin(char bracket) {
    prefix();
    out.append(bracket);
    open.push(new boolean[] {false});
    return this;
  }

  private JsonWriter end(char bracket) {
    boolean hadMembers = open.pop()[0];
    if (hadMembers) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  /** Before a value: after a name nothing; inside an array a separator and a new line. */
  private void prefix() {
    if (pendingValue) {
      pendingValue = false;
      return;
    }
    if (!open.isEmpty()) {
      separator();
    }
  }

  private void separator() {
    boolean[] state = open.peek();
    if (state[0]) {
      out.append(',');
    }
    state[0] = true;
    newline();
  }

  private void newline() {
    out.append('\n');
    out.append("  ".repeat(open.size()));
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}

package dev.retort.cli.config;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.Map;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in string values of retort.toml, so secrets
 * stay out of the file. As in POSIX shells, the default applies when the variable is unset or
 * empty. <code>$${</code> writes a literal <code>${</code>; any other {@code $} is kept as is,
 * because passwords contain dollar signs.
 */
final class Interpolator {

  static String expand(Setting setting, String text, Map<String, String> env) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw error(
              setting, "has '${' without a closing '}'", "close it, or write $${ for a literal ${");
        }
        out.append(lookup(setting, text.substring(i + 2, close), env));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String lookup(Setting setting, String reference, Map<String, String> env) {
    int sep = reference.indexOf(":-");
    String name = sep < 0 ? reference : reference.substring(0, sep);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw error(
          setting,
          "has an invalid reference ${" + reference + "}",
          "use ${NAME} or ${NAME:-default} with a variable name of letters, digits and _");
    }
    String value = env.get(name);
    if (sep >= 0) {
      return value == null || value.isEmpty() ? reference.substring(sep + 2) : value;
    }
    if (value == null) {
      throw error(
          setting,
          "uses ${" + name + "} but environment variable " + name + " is not set",
          "set it, or give a default: ${" + name + ":-value}");
    }
    return value;
  }

  private static RetortException error(Setting setting, String what, String todo) {
    return new RetortException(
        ErrorCode.CONFIG, setting.where() + ": '" + setting.name() + "' " + what + " — " + todo);
  }

  private Interpolator() {}
}

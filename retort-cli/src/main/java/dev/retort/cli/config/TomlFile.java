package dev.retort.cli.config;

import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.InMemoryFormat;
import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.core.io.ParsingMode;
import com.electronwill.nightconfig.toml.TomlParser;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed retort.toml: its top-level layer and its profiles. Every key is checked here, including
 * those of profiles that are not selected, so a typo such as {@code histroy_table} fails at once
 * instead of silently leaving the default in place.
 */
final class TomlFile {
  final Path path;
  final Layer top;

  /** Profile name to its layer, in file order. */
  final Map<String, Layer> profiles;

  private final TomlLines lines;
  private final Path baseDir;

  private TomlFile(Path path, String text, UnmodifiableConfig root) {
    this.path = path;
    this.lines = new TomlLines(text);
    this.baseDir = path.getParent();
    Map<String, Layer> found = new LinkedHashMap<>();
    this.top = layer(root, List.of(), found);
    this.profiles = Collections.unmodifiableMap(found);
  }

  static TomlFile read(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.CONFIG,
          path + ": cannot read the config file (" + e + ") — check the file and its permissions",
          e);
    }
    return parse(path, text);
  }

  static TomlFile parse(Path path, String text) {
    // Insertion-ordered maps: keys are checked, and errors reported, in file order. An in-memory
    // format, not TomlFormat: that one registers itself with night-config's format detector,
    // whose ServiceLoader scan of the jar a command paid at every start (docs/benchmarks.md).
    Config root = Config.of(LinkedHashMap::new, InMemoryFormat.withUniversalSupport());
    LineCountingReader reader = new LineCountingReader(new StringReader(text));
    try {
      new TomlParser().parse(reader, root, ParsingMode.REPLACE);
    } catch (ParsingException e) {
      throw new RetortException(
          ErrorCode.CONFIG,
          path
              + ":"
              + reader.line()
              + ": invalid TOML: "
              + TomlSyntax.describe(e.getMessage())
              + " — fix the syntax (see https://toml.io)",
          e);
    }
    return new TomlFile(path, text, root);
  }

  private Layer layer(UnmodifiableConfig table, List<String> tablePath, Map<String, Layer> found) {
    boolean topLevel = tablePath.isEmpty();
    Map<String, Setting> settings = new LinkedHashMap<>();
    Map<String, Setting> driverProperties = new LinkedHashMap<>();
    for (UnmodifiableConfig.Entry entry : table.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getRawValue();
      List<String> path = append(tablePath, key);
      if (ConfigKeys.SETTINGS.contains(key)) {
        settings.put(key, setting(checkSetting(key, value, path), path));
      } else if (key.equals(ConfigKeys.DRIVER_PROPERTIES)) {
        UnmodifiableConfig props = table(value, path, "a table of driver properties");
        for (UnmodifiableConfig.Entry p : props.entrySet()) {
          List<String> propPath = append(path, p.getKey());
          Object raw = p.getRawValue();
          driverProperties.put(p.getKey(), setting(checkProperty(raw, propPath), propPath));
        }
      } else if (topLevel && key.equals(ConfigKeys.PROFILES)) {
        UnmodifiableConfig profileTables = table(value, path, "tables such as [profiles.prod]");
        for (UnmodifiableConfig.Entry p : profileTables.entrySet()) {
          List<String> profilePath = append(path, p.getKey());
          UnmodifiableConfig profile =
              table(p.getRawValue(), profilePath, "a table such as [profiles.prod]");
          found.put(p.getKey(), layer(profile, profilePath, found));
        }
      } else {
        throw unknownKey(path, topLevel);
      }
    }
    return new Layer(settings, driverProperties);
  }

  private Setting setting(Object value, List<String> path) {
    return new Setting(value, where(path), String.join(".", path), baseDir, true);
  }

  private Object checkSetting(String key, Object value, List<String> path) {
    if (key.equals(ConfigKeys.MIGRATIONS)) {
      if (value instanceof String s) {
        return List.of(s);
      }
      if (value instanceof List<?> list) {
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
          if (!(item instanceof String s)) {
            throw wrongType(path, item, "an array of strings such as [\"migrations\"]");
          }
          strings.add(s);
        }
        return List.copyOf(strings);
      }
      throw wrongType(path, value, "an array of strings such as [\"migrations\"]");
    }
    if (!(value instanceof String)) {
      String expected =
          ConfigKeys.DURATIONS.contains(key)
              ? "a duration string such as \"500ms\", \"2s\", \"5m\" or \"1h\""
              : "a string in quotes";
      throw wrongType(path, value, expected);
    }
    return value;
  }

  /** Driver properties are text for JDBC; TOML numbers and booleans are accepted as such. */
  private Object checkProperty(Object value, List<String> path) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value instanceof String ? value : String.valueOf(value);
    }
    throw wrongType(path, value, "a string, number or boolean");
  }

  private UnmodifiableConfig table(Object value, List<String> path, String expected) {
    if (value instanceof UnmodifiableConfig config) {
      return config;
    }
    throw wrongType(path, value, expected);
  }

  private RetortException wrongType(List<String> path, Object value, String expected) {
    String key = path.get(path.size() - 1);
    String shown = "";
    if (!ConfigKeys.isSecret(key)) {
      if (value instanceof String s) {
        shown = " \"" + s + "\"";
      } else if (value instanceof Number || value instanceof Boolean) {
        shown = " " + value;
      }
    }
    return new RetortException(
        ErrorCode.CONFIG,
        where(path)
            + ": '"
            + String.join(".", path)
            + "' is "
            + kind(value)
            + shown
            + " — expected "
            + expected);
  }

  private RetortException unknownKey(List<String> path, boolean topLevel) {
    String key = path.get(path.size() - 1);
    List<String> valid = new ArrayList<>(ConfigKeys.SETTINGS);
    valid.add(ConfigKeys.DRIVER_PROPERTIES);
    if (topLevel) {
      valid.add(ConfigKeys.PROFILES);
    }
    String in = topLevel ? "" : " in [" + String.join(".", path.subList(0, path.size() - 1)) + "]";
    String suggestion = Suggestions.closest(key, valid);
    return new RetortException(
        ErrorCode.CONFIG,
        where(path)
            + ": unknown key '"
            + key
            + "'"
            + in
            + " — "
            + (suggestion == null ? "" : "did you mean '" + suggestion + "'? ")
            + "valid keys: "
            + String.join(", ", valid));
  }

  private String where(List<String> path) {
    int line = lines.lineOf(path);
    return line > 0 ? this.path + ":" + line : this.path.toString();
  }

  private static String kind(Object value) {
    if (value instanceof String) {
      return "a string";
    } else if (value instanceof Integer || value instanceof Long) {
      return "an integer";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof List) {
      return "an array";
    } else if (value instanceof UnmodifiableConfig) {
      return "a table";
    } else if (value instanceof TemporalAccessor) {
      return "a date/time";
    }
    return "a " + (value == null ? "null" : value.getClass().getSimpleName());
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return List.copyOf(out);
  }

  /**
   * Counts lines as night-config reads, so a syntax error can name its line; the parser reads one
   * character at a time and stops at the error. A newline just read belongs to the line before it.
   */
  private static final class LineCountingReader extends FilterReader {
    private int newlines;
    private int last = -1;

    LineCountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        count(buffer[offset + i]);
      }
      return n;
    }

    private void count(char c) {
      if (c == '\n') {
        newlines++;
      }
      last = c;
    }

    int line() {
      return last == '\n' ? newlines : newlines + 1;
    }
  }
}

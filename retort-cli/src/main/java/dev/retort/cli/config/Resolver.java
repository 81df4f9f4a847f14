package dev.retort.cli.config;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks each setting from the highest layer that has it and turns it into its final form. {@code
 * ${VAR}} references are expanded only in the values that win, so a profile that is not selected
 * (or a value overridden by the environment) never needs its variables set.
 */
final class Resolver {
  private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  private final List<Layer> layers;
  private final Map<String, String> env;
  private final Path configFile;
  private final Path defaultBase;

  /**
   * @param layers lowest precedence first
   * @param defaultBase where default migrations live: the config file's directory, else the working
   *     directory
   */
  Resolver(List<Layer> layers, Map<String, String> env, Path configFile, Path defaultBase) {
    this.layers = List.copyOf(layers);
    this.env = env;
    this.configFile = configFile;
    this.defaultBase = defaultBase;
  }

  ResolvedConfig resolve(String profile) {
    return new ResolvedConfig(
        configFile,
        url(),
        emptyToNull(text(ConfigKeys.USER)),
        password(),
        migrations(),
        historyTable(),
        emptyToNull(text(ConfigKeys.SCHEMA)),
        duration(ConfigKeys.LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT),
        duration(ConfigKeys.DDL_LOCK_TIMEOUT, null),
        duration(ConfigKeys.STATEMENT_TIMEOUT, null),
        duration(ConfigKeys.COMMIT_GROUP, null),
        sourceCache(),
        driverProperties(),
        profile);
  }

  private String url() {
    Setting setting = winner(ConfigKeys.URL);
    String url = setting == null ? "" : expand(setting, (String) setting.value()).strip();
    if (url.isEmpty()) {
      String where = configFile != null ? configFile.toString() : "configuration";
      throw new RetortException(
          ErrorCode.CONFIG,
          where
              + ": no database URL — set url = \"jdbc:...\" in retort.toml, RETORT_URL, or pass"
              + " --url");
    }
    return JdbcUrls.resolveSqlite(url, setting.baseDir());
  }

  private String password() {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Map<String, Setting> settings = layers.get(i).settings();
      Setting password = settings.get(ConfigKeys.PASSWORD);
      Setting file = settings.get(ConfigKeys.PASSWORD_FILE);
      if (password != null && file != null) {
        throw new RetortException(
            ErrorCode.CONFIG,
            file.where()
                + ": both '"
                + password.name()
                + "' and '"
                + file.name()
                + "' are set — keep only one");
      }
      if (password != null) {
        return emptyToNull(expand(password, (String) password.value()));
      }
      if (file != null) {
        return readPasswordFile(file);
      }
    }
    return null;
  }

  /**
   * Secrets mounted by Docker or Kubernetes end with a newline that is not part of the password.
   */
  private String readPasswordFile(Setting setting) {
    String name = expand(setting, (String) setting.value()).strip();
    if (name.isEmpty()) {
      return null;
    }
    Path path;
    try {
      path = setting.baseDir().resolve(name).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalidPath(setting, name, e);
    }
    String content;
    try {
      content = Files.readString(path);
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.CONFIG,
          setting.where()
              + ": '"
              + setting.name()
              + "' names "
              + path
              + ", which cannot be read ("
              + e.getClass().getSimpleName()
              + ") — check the path and its permissions",
          e);
    }
    int end = content.length();
    while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
      end--;
    }
    return content.substring(0, end);
  }

  private List<String> migrations() {
    Setting setting = winner(ConfigKeys.MIGRATIONS);
    if (setting == null) {
      return List.of(defaultBase.resolve(ConfigKeys.DEFAULT_MIGRATIONS).toString());
    }
    List<String> locations = new ArrayList<>();
    for (Object item : (List<?>) setting.value()) {
      String location = expand(setting, (String) item).strip();
      if (location.isEmpty()) {
        continue;
      }
      if (location.startsWith("classpath:")) {
        locations.add(location);
        continue;
      }
      try {
        locations.add(setting.baseDir().resolve(location).toAbsolutePath().normalize().toString());
      } catch (InvalidPathException e) {
        throw invalidPath(setting, location, e);
      }
    }
    if (locations.isEmpty()) {
      throw new RetortException(
          ErrorCode.CONFIG,
          setting.where()
              + ": '"
              + setting.name()
              + "' lists no location — name at least one folder, e.g. [\"migrations\"], or"
              + " \"classpath:db/retort\"");
    }
    return locations;
  }

  /**
   * {@code source_cache}: a folder (relative to the config file), or "off"; by default the user's
   * cache folder ({@code $XDG_CACHE_HOME/retort}, else {@code ~/.cache/retort}), or off when the
   * environment names neither (a service without a home).
   */
  private Path sourceCache() {
    Setting setting = winner(ConfigKeys.SOURCE_CACHE);
    String text = setting == null ? "" : expand(setting, (String) setting.value()).strip();
    if (text.equalsIgnoreCase(ConfigKeys.OFF)) {
      return null;
    }
    if (!text.isEmpty()) {
      try {
        return setting.baseDir().resolve(text).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw invalidPath(setting, text, e);
      }
    }
    try {
      String xdg = env.get("XDG_CACHE_HOME");
      if (xdg != null && Path.of(xdg).isAbsolute()) {
        return Path.of(xdg, "retort");
      }
      String home = env.get("HOME");
      return home == null || home.isBlank() ? null : Path.of(home, ".cache", "retort");
    } catch (InvalidPathException e) {
      return null; // a default the environment spoils: no cache rather than an error
    }
  }

  private String historyTable() {
    Setting setting = winner(ConfigKeys.HISTORY_TABLE);
    if (setting == null) {
      return ConfigKeys.DEFAULT_HISTORY_TABLE;
    }
    String table = expand(setting, (String) setting.value()).strip();
    if (table.isEmpty()) {
      throw new RetortException(
          ErrorCode.CONFIG,
          setting.where()
              + ": '"
              + setting.name()
              + "' is empty — name a table, or remove the setting to use "
              + ConfigKeys.DEFAULT_HISTORY_TABLE);
    }
    return table;
  }

  private Duration duration(String key, Duration fallback) {
    Setting setting = winner(key);
    if (setting == null) {
      return fallback;
    }
    String text = expand(setting, (String) setting.value()).strip();
    if (text.isEmpty()) {
      return fallback;
    }
    Duration duration = Durations.parse(text);
    if (duration == null) {
      throw new RetortException(
          ErrorCode.CONFIG,
          setting.where()
              + ": '"
              + setting.name()
              + "' = \""
              + text
              + "\" is not a duration — write "
              + Durations.EXPECTED);
    }
    return duration;
  }

  /** Driver properties merge by name: a profile adds to and overrides the top level's. */
  private Map<String, String> driverProperties() {
    Map<String, Setting> merged = new LinkedHashMap<>();
    for (Layer layer : layers) {
      merged.putAll(layer.driverProperties());
    }
    Map<String, String> properties = new LinkedHashMap<>();
    merged.forEach(
        (name, setting) -> properties.put(name, expand(setting, (String) setting.value())));
    return properties;
  }

  private String text(String key) {
    Setting setting = winner(key);
    return setting == null ? null : expand(setting, (String) setting.value()).strip();
  }

  private Setting winner(String key) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Setting setting = layers.get(i).settings().get(key);
      if (setting != null) {
        return setting;
      }
    }
    return null;
  }

  private String expand(Setting setting, String text) {
    return setting.fromFile() ? Interpolator.expand(setting, text, env) : text;
  }

  private static RetortException invalidPath(Setting setting, String path, Exception e) {
    return new RetortException(
        ErrorCode.CONFIG,
        setting.where()
            + ": '"
            + setting.name()
            + "' has an invalid path \""
            + path
            + "\" ("
            + e.getMessage()
            + ") — write a valid file system path",
        e);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}

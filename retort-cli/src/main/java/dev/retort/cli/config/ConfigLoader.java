package dev.retort.cli.config;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads retort.toml and merges it with the environment and the command line into a {@link
 * ResolvedConfig}. Precedence, lowest first: the file's top level, the selected profile ({@code
 * --profile} or {@code RETORT_PROFILE}), the {@code RETORT_*} environment variables, then the
 * command-line overrides.
 *
 * <p>Relative paths are relative to where they were written: in the file, to the file's directory
 * (so the same file means the same database from any working directory); in the environment or on
 * the command line, to the working directory, as a shell user expects.
 */
public final class ConfigLoader {
  /** The file read when no {@code --config} is given, in the working directory. */
  public static final String DEFAULT_FILE = ConfigKeys.DEFAULT_FILE_NAME;

  /** {@link #load(Path, String, Map, Map, Path)} with the process environment. */
  public static ResolvedConfig load(
      Path configOrNull, String profileOrNull, Map<String, String> overrides, Path workingDir) {
    return load(configOrNull, profileOrNull, overrides, System.getenv(), workingDir);
  }

  /**
   * @param configOrNull the {@code --config} path, or null for {@code retort.toml} in the working
   *     directory (which may then be absent if a URL comes from the environment or overrides)
   * @param profileOrNull the {@code --profile} name, or null to use {@code RETORT_PROFILE}
   * @param overrides command-line values keyed like the file ({@code url}, {@code lock_timeout},
   *     {@code migrations} comma separated, {@code driver_properties.NAME}); null values are
   *     ignored
   * @param env the environment; null means {@link System#getenv()}
   * @param workingDir the directory the command runs in; null means the process's
   * @throws RetortException with {@link ErrorCode#CONFIG} for anything wrong in the settings
   * @throws IllegalArgumentException for an override key that is no setting (a bug in the caller)
   */
  public static ResolvedConfig load(
      Path configOrNull,
      String profileOrNull,
      Map<String, String> overrides,
      Map<String, String> env,
      Path workingDir) {
    Map<String, String> environment = env == null ? System.getenv() : env;
    Path cwd = (workingDir == null ? Path.of("") : workingDir).toAbsolutePath().normalize();
    Layer envLayer = fromEnvironment(environment, cwd);
    Layer flagLayer = fromOverrides(overrides == null ? Map.of() : overrides, cwd);

    Path defaultFile = cwd.resolve(ConfigKeys.DEFAULT_FILE_NAME);
    TomlFile file = findFile(configOrNull, defaultFile, cwd, envLayer, flagLayer);

    String profile = null;
    String profileSource = null;
    if (profileOrNull != null && !profileOrNull.isBlank()) {
      profile = profileOrNull.strip();
      profileSource = "--profile";
    } else {
      String fromEnv = environment.get(ConfigKeys.ENV_PROFILE);
      if (fromEnv != null && !fromEnv.isBlank()) {
        profile = fromEnv.strip();
        profileSource = ConfigKeys.ENV_PROFILE;
      }
    }

    List<Layer> layers = new ArrayList<>();
    if (file != null) {
      layers.add(file.top);
    }
    if (profile != null) {
      layers.add(profileLayer(file, defaultFile, profile, profileSource));
    }
    layers.add(envLayer);
    layers.add(flagLayer);
    Path configFile = file == null ? null : file.path;
    Path defaultBase = file == null ? cwd : file.path.getParent();
    return new Resolver(layers, environment, configFile, defaultBase).resolve(profile);
  }

  private static TomlFile findFile(
      Path configOrNull, Path defaultFile, Path cwd, Layer envLayer, Layer flagLayer) {
    if (configOrNull != null) {
      Path path = cwd.resolve(configOrNull).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        throw new RetortException(
            ErrorCode.CONFIG,
            path + ": is a directory — pass the retort.toml file itself to --config");
      }
      if (!Files.exists(path)) {
        throw new RetortException(
            ErrorCode.CONFIG,
            path
                + ": config file not found — check the --config path, or run `retort init` to"
                + " create it");
      }
      return TomlFile.read(path);
    }
    if (Files.exists(defaultFile)) {
      return TomlFile.read(defaultFile);
    }
    boolean urlElsewhere =
        envLayer.settings().containsKey(ConfigKeys.URL)
            || flagLayer.settings().containsKey(ConfigKeys.URL);
    if (urlElsewhere) {
      return null;
    }
    throw new RetortException(
        ErrorCode.CONFIG,
        defaultFile
            + ": config file not found — run `retort init` to create it, or pass --config PATH"
            + " (or give --url / RETORT_URL)");
  }

  private static Layer profileLayer(
      TomlFile file, Path defaultFile, String profile, String source) {
    if (file == null) {
      throw new RetortException(
          ErrorCode.CONFIG,
          defaultFile
              + ": profile '"
              + profile
              + "' selected by "
              + source
              + " but there is no config file — run `retort init`, pass --config PATH, or do not"
              + " select a profile");
    }
    Layer layer = file.profiles.get(profile);
    if (layer != null) {
      return layer;
    }
    String todo;
    if (file.profiles.isEmpty()) {
      todo = "this file defines no profiles; add a [profiles." + profile + "] table";
    } else {
      String suggestion = Suggestions.closest(profile, file.profiles.keySet());
      todo =
          (suggestion == null ? "" : "did you mean '" + suggestion + "'? ")
              + "profiles defined: "
              + String.join(", ", file.profiles.keySet());
    }
    throw new RetortException(
        ErrorCode.CONFIG,
        file.path + ": unknown profile '" + profile + "' (from " + source + ") — " + todo);
  }

  /** Empty variables count as unset: compose files and CI templates often pass "" for "none". */
  private static Layer fromEnvironment(Map<String, String> env, Path cwd) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    ConfigKeys.ENV.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            settings.put(key, new Setting(value(key, value), "environment", variable, cwd, false));
          }
        });
    return new Layer(settings, Map.of());
  }

  private static Layer fromOverrides(Map<String, String> overrides, Path cwd) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    Map<String, Setting> driverProperties = new LinkedHashMap<>();
    overrides.forEach(
        (key, value) -> {
          if (value == null) {
            return;
          }
          if (ConfigKeys.SETTINGS.contains(key)) {
            settings.put(key, new Setting(value(key, value), "command line", key, cwd, false));
          } else if (key.startsWith(ConfigKeys.DRIVER_PROPERTY_PREFIX)
              && key.length() > ConfigKeys.DRIVER_PROPERTY_PREFIX.length()) {
            String name = key.substring(ConfigKeys.DRIVER_PROPERTY_PREFIX.length());
            driverProperties.put(name, new Setting(value, "command line", key, cwd, false));
          } else {
            throw new IllegalArgumentException(
                "unknown override key '"
                    + key
                    + "'; valid: "
                    + String.join(", ", ConfigKeys.SETTINGS)
                    + ", driver_properties.NAME");
          }
        });
    return new Layer(settings, driverProperties);
  }

  /** Migrations from the environment and command line are comma separated. */
  private static Object value(String key, String text) {
    if (!key.equals(ConfigKeys.MIGRATIONS)) {
      return text;
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private ConfigLoader() {}
}

package dev.retort.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The keys retort.toml accepts, and the environment variables that override them. */
final class ConfigKeys {
  static final String URL = "url";
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String PASSWORD_FILE = "password_file";
  static final String MIGRATIONS = "migrations";
  static final String HISTORY_TABLE = "history_table";
  static final String SCHEMA = "schema";
  static final String LOCK_TIMEOUT = "lock_timeout";
  static final String DDL_LOCK_TIMEOUT = "ddl_lock_timeout";
  static final String STATEMENT_TIMEOUT = "statement_timeout";
  static final String COMMIT_GROUP = "commit_group";
  static final String SOURCE_CACHE = "source_cache";
  static final String DRIVER_PROPERTIES = "driver_properties";
  static final String PROFILES = "profiles";

  /** Settings with a single value (a string, or for migrations an array of strings). */
  static final List<String> SETTINGS =
      List.of(
          URL,
          USER,
          PASSWORD,
          PASSWORD_FILE,
          MIGRATIONS,
          HISTORY_TABLE,
          SCHEMA,
          LOCK_TIMEOUT,
          DDL_LOCK_TIMEOUT,
          STATEMENT_TIMEOUT,
          COMMIT_GROUP,
          SOURCE_CACHE);

  static final List<String> DURATIONS =
      List.of(LOCK_TIMEOUT, DDL_LOCK_TIMEOUT, STATEMENT_TIMEOUT, COMMIT_GROUP);

  /** Environment variable name to setting key, in the order the documentation lists them. */
  static final Map<String, String> ENV;

  static {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RETORT_URL", URL);
    env.put("RETORT_USER", USER);
    env.put("RETORT_PASSWORD", PASSWORD);
    env.put("RETORT_PASSWORD_FILE", PASSWORD_FILE);
    env.put("RETORT_SCHEMA", SCHEMA);
    env.put("RETORT_HISTORY_TABLE", HISTORY_TABLE);
    env.put("RETORT_LOCK_TIMEOUT", LOCK_TIMEOUT);
    env.put("RETORT_MIGRATIONS", MIGRATIONS);
    env.put("RETORT_SOURCE_CACHE", SOURCE_CACHE);
    ENV = Collections.unmodifiableMap(env);
  }

  static final String ENV_PROFILE = "RETORT_PROFILE";

  /** Override keys of the form {@code driver_properties.NAME} set one driver property. */
  static final String DRIVER_PROPERTY_PREFIX = DRIVER_PROPERTIES + ".";

  static final String DEFAULT_FILE_NAME = "retort.toml";
  static final String DEFAULT_HISTORY_TABLE = "retort_history";
  static final String DEFAULT_MIGRATIONS = "migrations";

  /** The value of {@code source_cache} that turns the cache off. */
  static final String OFF = "off";

  /** Keys that hold secrets: their values never appear in messages or toString. */
  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.contains("token")
        || k.equals("pwd")
        || k.equals("key");
  }

  private ConfigKeys() {}
}

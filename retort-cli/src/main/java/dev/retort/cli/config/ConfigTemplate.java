package dev.retort.cli.config;

import java.util.Objects;

/** The retort.toml that {@code retort init} writes: working defaults, every key documented. */
public final class ConfigTemplate {

  /**
   * @param url the JDBC URL to put in the file, e.g. {@code jdbc:sqlite:app.db}
   */
  public static String initial(String url) {
    Objects.requireNonNull(url, "url");
    return """
        # Retort configuration. Top-level values are the defaults; a [profiles.NAME] table
        # overrides them when selected with --profile NAME or RETORT_PROFILE=NAME.
        # Precedence, lowest first: this file, the selected profile, the environment
        # (RETORT_URL, RETORT_USER, RETORT_PASSWORD, RETORT_PASSWORD_FILE, RETORT_SCHEMA,
        # RETORT_HISTORY_TABLE, RETORT_LOCK_TIMEOUT, RETORT_MIGRATIONS, RETORT_SOURCE_CACHE),
        # then command-line flags.
        # Any string may use ${VAR} or ${VAR:-default} to read an environment variable
        # (write $${ for a literal ${). Relative paths are relative to this file's folder.

        # JDBC URL. A relative SQLite path is relative to this file's folder.
        url = %s

        # Database user and password, if the URL does not carry them. Keep secrets out of
        # this file: use an environment variable, or password_file (trailing newline ignored).
        # user = "app"
        # password = "${DB_PASSWORD}"
        # password_file = "/run/secrets/db_password"

        # Folders holding migrations (relative to this file), or "classpath:db/retort".
        migrations = ["migrations"]

        # Table that records applied migrations.
        history_table = "retort_history"

        # PostgreSQL only: schema for the history table and the search_path.
        # schema = "app"

        # Durations are written 500ms, 2s, 5m or 1h.
        # How long to wait for another retort holding the migration lock.
        lock_timeout = "60s"
        # How long each DDL statement waits for table locks (PostgreSQL lock_timeout,
        # MySQL/MariaDB lock_wait_timeout, SQLite busy timeout); unset = database default.
        # ddl_lock_timeout = "10s"
        # Time limit for each statement; unset = none.
        # statement_timeout = "5m"
        # How long consecutive migrations may share one transaction, each in a savepoint,
        # before it commits; 0s = a commit per migration. Unset = 100ms on SQLite (a commit
        # costs more than a typical migration there), 0s on PostgreSQL.
        # commit_group = "0s"
        # Where a no-op upgrade finds what it needs of each migration file without reading it
        # (checked against the file's size, time and inode); "off" to read every file always.
        # Unset = $XDG_CACHE_HOME/retort or ~/.cache/retort.
        # source_cache = "off"

        # Extra properties for the JDBC driver.
        # [driver_properties]
        # sslmode = "require"

        # A named profile: select it with --profile prod or RETORT_PROFILE=prod.
        # [profiles.prod]
        # url = "jdbc:postgresql://db.internal:5432/app"
        # user = "app"
        # password = "${PROD_DB_PASSWORD}"
        # [profiles.prod.driver_properties]
        # ssl = "true"
        """
        .formatted(tomlString(url));
  }

  /** A TOML basic string: quotes, backslashes (Windows paths) and control characters escaped. */
  static String tomlString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private ConfigTemplate() {}
}

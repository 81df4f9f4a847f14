package dev.retort.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything a Retort command needs to reach the database and find migrations, after retort.toml,
 * the selected profile, the environment and the command line have been merged. Built by {@link
 * ConfigLoader}. {@link #toString()} never shows the password.
 *
 * @param configFile the retort.toml used, absolute; null when everything came from the environment
 *     and the command line
 * @param url the JDBC URL; a relative SQLite path is already absolute
 * @param user the database user, or null to let the driver/URL decide
 * @param password the password, or null
 * @param migrationLocations absolute folder paths, or {@code classpath:...} locations as written
 * @param historyTable the history table's name
 * @param schema PostgreSQL schema for the history table and search_path, or null
 * @param lockTimeout how long to wait for the migration lock
 * @param ddlLockTimeout the lock wait for each DDL statement, or null for the database default
 * @param statementTimeout the time limit per statement, or null for none
 * @param commitGroup how long consecutive migrations may share a transaction, or null for the
 *     database's default
 * @param sourceCache the folder of the source cache (summaries of the migration files kept between
 *     commands), absolute; null when it is off
 * @param driverProperties extra JDBC driver properties (sslmode, ...)
 * @param profile the profile selected, or null
 */
public record ResolvedConfig(
    Path configFile,
    String url,
    String user,
    String password,
    List<String> migrationLocations,
    String historyTable,
    String schema,
    Duration lockTimeout,
    Duration ddlLockTimeout,
    Duration statementTimeout,
    Duration commitGroup,
    Path sourceCache,
    Map<String, String> driverProperties,
    String profile) {

  public ResolvedConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(historyTable, "historyTable");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    migrationLocations = List.copyOf(migrationLocations);
    driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(driverProperties));
  }

  /** The URL without userinfo or password parameters, for logs and messages. */
  public String redactedUrl() {
    return JdbcUrls.redact(url);
  }

  /**
   * The properties to pass to {@code DriverManager.getConnection(url, properties)}: the driver
   * properties plus {@code user} and {@code password} when set.
   */
  public Properties connectionProperties() {
    Properties properties = new Properties();
    properties.putAll(driverProperties);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** Like the record's own, but with the URL redacted and secrets masked. */
  @Override
  public String toString() {
    Map<String, String> props = new LinkedHashMap<>();
    driverProperties.forEach((k, v) -> props.put(k, ConfigKeys.isSecret(k) ? "****" : v));
    return "ResolvedConfig[configFile="
        + configFile
        + ", url="
        + redactedUrl()
        + ", user="
        + user
        + ", password="
        + (password == null ? null : "****")
        + ", migrationLocations="
        + migrationLocations
        + ", historyTable="
        + historyTable
        + ", schema="
        + schema
        + ", lockTimeout="
        + lockTimeout
        + ", ddlLockTimeout="
        + ddlLockTimeout
        + ", statementTimeout="
        + statementTimeout
        + ", commitGroup="
        + commitGroup
        + ", sourceCache="
        + sourceCache
        + ", driverProperties="
        + props
        + ", profile="
        + profile
        + "]";
  }
}

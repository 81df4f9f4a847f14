package dev.retort.cli.config;

import static dev.retort.cli.config.ConfigTestFiles.configError;
import static dev.retort.cli.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static final String LAYERED =
      """
      url = "jdbc:postgresql://top/db"
      user = "top_user"
      history_table = "top_history"
      schema = "top_schema"
      lock_timeout = "1s"
      migrations = ["top_migrations"]

      [profiles.prod]
      url = "jdbc:postgresql://prod/db"
      user = "prod_user"
      history_table = "prod_history"
      lock_timeout = "2s"

      [profiles.staging]
      url = "jdbc:postgresql://staging/db"
      """;

  @Test
  void topLevelAloneGivesItsValuesAndDefaults() {
    write(dir, "url = \"jdbc:postgresql://h/db\"\n");
    ResolvedConfig c = ConfigLoader.load(null, null, Map.of(), Map.of(), dir);
    assertThat(c.configFile()).isEqualTo(dir.resolve("retort.toml"));
    assertThat(c.url()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(c.user()).isNull();
    assertThat(c.password()).isNull();
    assertThat(c.migrationLocations()).containsExactly(dir.resolve("migrations").toString());
    assertThat(c.historyTable()).isEqualTo("retort_history");
    assertThat(c.schema()).isNull();
    assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.ddlLockTimeout()).isNull();
    assertThat(c.statementTimeout()).isNull();
    assertThat(c.commitGroup()).as("the database's default").isNull();
    assertThat(c.driverProperties()).isEmpty();
    assertThat(c.profile()).isNull();
  }

  @Test
  void precedenceIsTopThenProfileThenEnvironmentThenFlags() {
    write(dir, LAYERED);
    Map<String, String> env =
        Map.of(
            "RETORT_USER", "env_user",
            "RETORT_HISTORY_TABLE", "env_history",
            "RETORT_LOCK_TIMEOUT", "3s");
    ResolvedConfig c = ConfigLoader.load(null, "prod", Map.of("lock_timeout", "4s"), env, dir);
    assertThat(c.schema()).as("top level only").isEqualTo("top_schema");
    assertThat(c.url()).as("profile over top level").isEqualTo("jdbc:postgresql://prod/db");
    assertThat(c.user()).as("environment over profile").isEqualTo("env_user");
    assertThat(c.historyTable()).as("environment over top level").isEqualTo("env_history");
    assertThat(c.lockTimeout()).as("flag over environment").isEqualTo(Duration.ofSeconds(4));
    assertThat(c.migrationLocations()).containsExactly(dir.resolve("top_migrations").toString());
    assertThat(c.profile()).isEqualTo("prod");
  }

  @Test
  void everyEnvironmentVariableOverridesTheFile() {
    write(dir, LAYERED);
    Map<String, String> env =
        Map.of(
            "RETORT_URL", "jdbc:postgresql://env/db",
            "RETORT_USER", "u",
            "RETORT_PASSWORD", "p",
            "RETORT_SCHEMA", "s",
            "RETORT_HISTORY_TABLE", "h",
            "RETORT_LOCK_TIMEOUT", "5m",
            "RETORT_MIGRATIONS", "one, classpath:db/retort,,/abs/two");
    ResolvedConfig c = ConfigLoader.load(null, "prod", Map.of(), env, dir);
    assertThat(c.url()).isEqualTo("jdbc:postgresql://env/db");
    assertThat(c.user()).isEqualTo("u");
    assertThat(c.password()).isEqualTo("p");
    assertThat(c.schema()).isEqualTo("s");
    assertThat(c.historyTable()).isEqualTo("h");
    assertThat(c.lockTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.migrationLocations())
        .containsExactly(
            dir.resolve("one").toString(),
            "classpath:db/retort",
            Path.of("/abs/two").toAbsolutePath().toString());
  }

  @Test
  void flagsOverrideEverything() {
    write(dir, LAYERED);
    Map<String, String> env = Map.of("RETORT_URL", "jdbc:postgresql://env/db");
    Map<String, String> flags =
        Map.of(
            "url", "jdbc:postgresql://flag/db",
            "migrations", "a,b",
            "ddl_lock_timeout", "10s",
            "statement_timeout", "500ms",
            "schema", "");
    ResolvedConfig c = ConfigLoader.load(null, "prod", flags, env, dir);
    assertThat(c.url()).isEqualTo("jdbc:postgresql://flag/db");
    assertThat(c.migrationLocations())
        .containsExactly(dir.resolve("a").toString(), dir.resolve("b").toString());
    assertThat(c.ddlLockTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.statementTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.schema()).as("an explicit empty flag clears the file's schema").isNull();
  }

  @Test
  void commitGroupIsADuration() {
    write(dir, "url = \"jdbc:sqlite:app.db\"\ncommit_group = \"0s\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), Map.of(), dir).commitGroup())
        .isEqualTo(Duration.ZERO);
    write(dir, "url = \"jdbc:sqlite:app.db\"\ncommit_group = \"250ms\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), Map.of(), dir).commitGroup())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void sourceCacheIsTheUsersCacheFolderAFolderOrOff() {
    write(dir, "url = \"jdbc:sqlite:app.db\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), Map.of(), dir).sourceCache())
        .as("no home, no cache folder: off")
        .isNull();
    assertThat(
            ConfigLoader.load(null, null, Map.of(), Map.of("HOME", "/home/ops"), dir).sourceCache())
        .isEqualTo(Path.of("/home/ops/.cache/retort"));
    Map<String, String> xdg = Map.of("HOME", "/home/ops", "XDG_CACHE_HOME", "/var/cache/ops");
    assertThat(ConfigLoader.load(null, null, Map.of(), xdg, dir).sourceCache())
        .isEqualTo(Path.of("/var/cache/ops/retort"));
    assertThat(
            ConfigLoader.load(null, null, Map.of(), Map.of("XDG_CACHE_HOME", "relative"), dir)
                .sourceCache())
        .as("XDG says a relative path is to be ignored")
        .isNull();

    write(dir, "url = \"jdbc:sqlite:app.db\"\nsource_cache = \".retort-cache\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), xdg, dir).sourceCache())
        .as("relative to the config file")
        .isEqualTo(dir.toAbsolutePath().normalize().resolve(".retort-cache"));

    write(dir, "url = \"jdbc:sqlite:app.db\"\nsource_cache = \"off\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), xdg, dir).sourceCache()).isNull();

    Map<String, String> envOff = Map.of("HOME", "/home/ops", "RETORT_SOURCE_CACHE", "off");
    write(dir, "url = \"jdbc:sqlite:app.db\"\n");
    assertThat(ConfigLoader.load(null, null, Map.of(), envOff, dir).sourceCache()).isNull();
  }

  @Test
  void emptyEnvironmentVariablesCountAsUnset() {
    write(dir, LAYERED);
    ResolvedConfig c =
        ConfigLoader.load(null, null, Map.of(), Map.of("RETORT_URL", "", "RETORT_USER", " "), dir);
    assertThat(c.url()).isEqualTo("jdbc:postgresql://top/db");
    assertThat(c.user()).isEqualTo("top_user");
  }

  @Test
  void profileComesFromRetortProfileWhenNoFlag() {
    write(dir, LAYERED);
    Map<String, String> env = Map.of("RETORT_PROFILE", "staging");
    ResolvedConfig fromEnv = ConfigLoader.load(null, null, Map.of(), env, dir);
    assertThat(fromEnv.profile()).isEqualTo("staging");
    assertThat(fromEnv.url()).isEqualTo("jdbc:postgresql://staging/db");
    assertThat(fromEnv.user()).as("not in the profile: top level").isEqualTo("top_user");

    ResolvedConfig flagWins = ConfigLoader.load(null, "prod", Map.of(), env, dir);
    assertThat(flagWins.profile()).isEqualTo("prod");
    assertThat(flagWins.url()).isEqualTo("jdbc:postgresql://prod/db");
  }

  @Test
  void driverPropertiesMergeByNameAcrossLayers() {
    write(
        dir,
        """
        url = "jdbc:postgresql://h/db"
        [driver_properties]
        sslmode = "require"
        connectTimeout = 5
        [profiles.prod.driver_properties]
        ssl = true
        sslmode = "verify-full"
        """);
    ResolvedConfig c =
        ConfigLoader.load(
            null, "prod", Map.of("driver_properties.ApplicationName", "retort"), Map.of(), dir);
    assertThat(c.driverProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sslmode", "verify-full",
                "connectTimeout", "5",
                "ssl", "true",
                "ApplicationName", "retort"));
    assertThat(c.connectionProperties()).containsEntry("sslmode", "verify-full");
  }

  @Test
  void connectionPropertiesCarryUserAndPassword() {
    write(dir, "url = \"jdbc:postgresql://h/db\"\nuser = \"app\"\npassword = \"pw\"\n");
    ResolvedConfig c = ConfigLoader.load(null, null, Map.of(), Map.of(), dir);
    assertThat(c.connectionProperties())
        .containsEntry("user", "app")
        .containsEntry("password", "pw");
  }

  @Test
  void runsWithoutAFileWhenTheUrlComesFromTheEnvironment() {
    ResolvedConfig c =
        ConfigLoader.load(
            null, null, Map.of(), Map.of("RETORT_URL", "jdbc:postgresql://h/db"), dir);
    assertThat(c.configFile()).isNull();
    assertThat(c.url()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(c.migrationLocations()).containsExactly(dir.resolve("migrations").toString());
  }

  @Test
  void runsWithoutAFileWhenTheUrlIsAFlag() {
    ResolvedConfig c =
        ConfigLoader.load(null, null, Map.of("url", "jdbc:sqlite:x.db"), Map.of(), dir);
    assertThat(c.configFile()).isNull();
    assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("x.db"));
    assertThat(c.migrationLocations()).containsExactly(dir.resolve("migrations").toString());
  }

  @Test
  void explicitConfigIsResolvedAgainstTheWorkingDirectory() {
    write(dir.resolve("conf"), "url = \"jdbc:postgresql://h/db\"\n");
    ResolvedConfig c =
        ConfigLoader.load(Path.of("conf/retort.toml"), null, Map.of(), Map.of(), dir);
    assertThat(c.configFile()).isEqualTo(dir.resolve("conf/retort.toml"));
    assertThat(c.migrationLocations()).containsExactly(dir.resolve("conf/migrations").toString());
  }

  @Test
  void missingDefaultFileNamesThePathAndTheWayOut() {
    String message = configError(() -> ConfigLoader.load(null, null, Map.of(), Map.of(), dir));
    assertThat(message)
        .startsWith(dir.resolve("retort.toml").toString())
        .contains("retort init")
        .contains("--config");
  }

  @Test
  void missingExplicitFileIsAnErrorEvenWithAUrl() {
    Path missing = dir.resolve("nope/retort.toml");
    String message =
        configError(
            () ->
                ConfigLoader.load(
                    missing, null, Map.of(), Map.of("RETORT_URL", "jdbc:sqlite:a.db"), dir));
    assertThat(message).startsWith(missing.toString()).contains("retort init");
  }

  @Test
  void profileWithoutAFileIsAnError() {
    String message =
        configError(
            () ->
                ConfigLoader.load(
                    null, "prod", Map.of(), Map.of("RETORT_URL", "jdbc:postgresql://h/d"), dir));
    assertThat(message).contains("profile 'prod'").contains("no config file");
  }

  @Test
  void noUrlAnywhereIsAnError() {
    write(dir, "user = \"app\"\n");
    String message = configError(() -> ConfigLoader.load(null, null, Map.of(), Map.of(), dir));
    assertThat(message).contains("no database URL").contains("RETORT_URL");
  }

  @Test
  void unknownOverrideKeyIsACallerBug() {
    write(dir, "url = \"jdbc:postgresql://h/db\"\n");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, null, Map.of("histroy_table", "x"), Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("histroy_table");
  }

  @Test
  void resultIsImmutable() {
    write(dir, "url = \"jdbc:postgresql://h/db\"\n[driver_properties]\na = \"b\"\n");
    ResolvedConfig c = ConfigLoader.load(null, null, Map.of(), Map.of(), dir);
    assertThatThrownBy(() -> c.migrationLocations().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.driverProperties().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

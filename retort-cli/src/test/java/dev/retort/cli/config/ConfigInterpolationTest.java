package dev.retort.cli.config;

import static dev.retort.cli.config.ConfigTestFiles.configError;
import static dev.retort.cli.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigInterpolationTest {
  @TempDir Path dir;

  private ResolvedConfig load(String toml, String profile, Map<String, String> env) {
    Path file = write(dir, toml);
    return ConfigLoader.load(file, profile, Map.of(), env, dir);
  }

  @Test
  void variablesAreExpandedInEveryStringValue() {
    ResolvedConfig c =
        load(
            """
            url = "jdbc:postgresql://${DB_HOST}:5432/${DB_NAME}"
            password = "${DB_PASSWORD}"
            migrations = ["${MIGRATIONS_DIR}", "classpath:${CP}"]
            lock_timeout = "${WAIT}"
            [driver_properties]
            sslmode = "${SSLMODE}"
            """,
            null,
            Map.of(
                "DB_HOST", "db.internal",
                "DB_NAME", "app",
                "DB_PASSWORD", "pw",
                "MIGRATIONS_DIR", "sql",
                "CP", "db/retort",
                "WAIT", "2s",
                "SSLMODE", "require"));
    assertThat(c.url()).isEqualTo("jdbc:postgresql://db.internal:5432/app");
    assertThat(c.password()).isEqualTo("pw");
    assertThat(c.migrationLocations())
        .containsExactly(dir.resolve("sql").toString(), "classpath:db/retort");
    assertThat(c.lockTimeout()).hasSeconds(2);
    assertThat(c.driverProperties()).containsEntry("sslmode", "require");
  }

  @Test
  void defaultAppliesWhenUnsetOrEmpty() {
    String toml =
        "url = \"jdbc:postgresql://${HOST:-localhost}/db\"\nuser = \"${DB_USER:-app}\"\n"
            + "schema = \"${SCHEMA:-}\"\n";
    ResolvedConfig unset = load(toml, null, Map.of());
    assertThat(unset.url()).isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(unset.user()).isEqualTo("app");
    assertThat(unset.schema()).isNull();

    ResolvedConfig empty = load(toml, null, Map.of("HOST", "", "DB_USER", ""));
    assertThat(empty.url()).isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(empty.user()).isEqualTo("app");

    ResolvedConfig set = load(toml, null, Map.of("HOST", "h", "DB_USER", "u", "SCHEMA", "s"));
    assertThat(set.url()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(set.user()).isEqualTo("u");
    assertThat(set.schema()).isEqualTo("s");
  }

  @Test
  void missingVariableWithoutDefaultNamesSettingAndVariable() {
    String toml =
        """
        url = "jdbc:postgresql://h/db"
        [profiles.prod]
        user = "app"
        password = "${PROD_DB_PASSWORD}"
        """;
    String message = configError(() -> load(toml, "prod", Map.of()));
    assertThat(message)
        .startsWith(dir.resolve("retort.toml") + ":4:")
        .contains("'profiles.prod.password'")
        .contains("PROD_DB_PASSWORD")
        .contains("not set");
  }

  @Test
  void onlyWinningValuesAreExpanded() {
    String toml =
        """
        url = "jdbc:postgresql://h/db"
        password = "${DB_PASSWORD}"
        [profiles.prod]
        password = "${PROD_DB_PASSWORD}"
        """;
    assertThat(load(toml, null, Map.of("DB_PASSWORD", "dev")).password())
        .as("the unselected profile's variable need not exist")
        .isEqualTo("dev");
    assertThat(load(toml, "prod", Map.of("PROD_DB_PASSWORD", "prod")).password())
        .as("the overridden top-level variable need not exist")
        .isEqualTo("prod");
    assertThat(load(toml, "prod", Map.of("RETORT_PASSWORD", "env")).password()).isEqualTo("env");
  }

  @Test
  void dollarsThatAreNotReferencesAreKept() {
    ResolvedConfig c =
        load(
            "url = \"jdbc:postgresql://h/db\"\npassword = \"pa$$w0rd$ and $${LITERAL}\"\n",
            null,
            Map.of("LITERAL", "expanded"));
    assertThat(c.password()).isEqualTo("pa$$w0rd$ and ${LITERAL}");
  }

  @Test
  void environmentAndFlagValuesAreNotExpanded() {
    write(dir, "url = \"jdbc:postgresql://h/db\"\n");
    ResolvedConfig c =
        ConfigLoader.load(
            null,
            null,
            Map.of("user", "${NOT_EXPANDED}"),
            Map.of("RETORT_PASSWORD", "${X}", "X", "y"),
            dir);
    assertThat(c.user()).isEqualTo("${NOT_EXPANDED}");
    assertThat(c.password()).isEqualTo("${X}");
  }

  @Test
  void malformedReferencesAreErrors() {
    assertThat(configError(() -> load("url = \"jdbc:${UNCLOSED\"\n", null, Map.of())))
        .contains("'url'")
        .contains("without a closing '}'");
    assertThat(configError(() -> load("url = \"jdbc:${1BAD}\"\n", null, Map.of())))
        .contains("invalid reference ${1BAD}");
  }
}

package dev.retort.cli.config;

import static dev.retort.cli.config.ConfigTestFiles.configError;
import static dev.retort.cli.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in retort.toml fail loudly, in one line that says where and what to do. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private String error(String toml, String profile, Map<String, String> env) {
    Path file = write(dir, toml);
    return configError(() -> ConfigLoader.load(file, profile, Map.of(), env, dir));
  }

  private String file() {
    return dir.resolve("retort.toml").toString();
  }

  @Test
  void misspeltKeyIsNotIgnored() {
    String message =
        error(
            """
            url = "jdbc:sqlite:app.db"
            # the history table
            histroy_table = "h"
            """,
            null,
            Map.of());
    assertThat(message)
        .startsWith(file() + ":3: unknown key 'histroy_table'")
        .contains("did you mean 'history_table'?")
        .contains("valid keys: url, user, password, password_file, migrations, history_table");
  }

  @Test
  void unknownKeyInAProfileNamesTheProfileAndLine() {
    String message =
        error(
            """
            url = "jdbc:sqlite:app.db"

            [profiles.prod]
            url = "jdbc:postgresql://h/db"
            lock_timout = "5s"
            """,
            null,
            Map.of());
    assertThat(message)
        .startsWith(file() + ":5: unknown key 'lock_timout' in [profiles.prod]")
        .contains("did you mean 'lock_timeout'?")
        .doesNotContain("profiles,");
  }

  @Test
  void unknownTableIsAnUnknownKey() {
    String message =
        error("url = \"jdbc:sqlite:app.db\"\n\n[driver_propertes]\nssl = true\n", null, Map.of());
    assertThat(message)
        .startsWith(file() + ":3: unknown key 'driver_propertes'")
        .contains("did you mean 'driver_properties'?");
  }

  @Test
  void unknownProfileListsTheProfilesThatExist() {
    String toml =
        """
        url = "jdbc:sqlite:app.db"
        [profiles.prod]
        url = "jdbc:postgresql://p/db"
        [profiles.staging]
        url = "jdbc:postgresql://s/db"
        """;
    assertThat(error(toml, "prd", Map.of()))
        .startsWith(file() + ": unknown profile 'prd' (from --profile)")
        .contains("did you mean 'prod'?")
        .contains("profiles defined: prod, staging");
    assertThat(error(toml, null, Map.of("RETORT_PROFILE", "qa")))
        .contains("unknown profile 'qa' (from RETORT_PROFILE)")
        .contains("profiles defined: prod, staging");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\n", "prod", Map.of()))
        .contains("defines no profiles");
  }

  @Test
  void badDurationNamesKeyValueAndForm() {
    assertThat(error("url = \"jdbc:sqlite:a.db\"\nlock_timeout = \"5 minutes\"\n", null, Map.of()))
        .startsWith(file() + ":2: 'lock_timeout' = \"5 minutes\" is not a duration")
        .contains("500ms, 2s, 5m or 1h");
    assertThat(
            error(
                "url = \"jdbc:sqlite:a.db\"\n[profiles.ci]\nddl_lock_timeout = \"10\"\n",
                "ci",
                Map.of()))
        .startsWith(file() + ":3: 'profiles.ci.ddl_lock_timeout' = \"10\" is not a duration");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\n", null, Map.of("RETORT_LOCK_TIMEOUT", "1d")))
        .startsWith("environment: 'RETORT_LOCK_TIMEOUT' = \"1d\" is not a duration");
  }

  @Test
  void durationForms() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse(" 5m ")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("-1s")).isNull();
    assertThat(Durations.parse("1.5s")).isNull();
    assertThat(Durations.parse("60")).isNull();
    assertThat(Durations.parse("PT1M")).isNull();
  }

  @Test
  void wrongTypesNameKeyValueAndExpectedForm() {
    assertThat(error("url = \"jdbc:sqlite:a.db\"\nlock_timeout = 60\n", null, Map.of()))
        .startsWith(file() + ":2: 'lock_timeout' is an integer 60")
        .contains("expected a duration string such as \"500ms\"");
    assertThat(error("url = 5\n", null, Map.of()))
        .startsWith(file() + ":1: 'url' is an integer 5 — expected a string in quotes");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\nmigrations = [\"a\", 1]\n", null, Map.of()))
        .contains("'migrations' is an integer 1")
        .contains("an array of strings");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\nprofiles = \"prod\"\n", null, Map.of()))
        .contains("'profiles' is a string \"prod\"");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\n[driver_properties]\nx = [1]\n", null, Map.of()))
        .startsWith(file() + ":3: 'driver_properties.x' is an array");
  }

  @Test
  void wrongTypeOfASecretDoesNotShowTheValue() {
    assertThat(error("url = \"jdbc:sqlite:a.db\"\npassword = 123456\n", null, Map.of()))
        .contains("'password' is an integer —")
        .doesNotContain("123456");
  }

  @Test
  void syntaxErrorNamesTheLine() {
    assertThat(error("url = \"jdbc:sqlite:a.db\"\n\nuser = \n", null, Map.of()))
        .startsWith(file() + ":3: invalid TOML:");
    assertThat(error("url = \"a\"\n[profiles.p]\nuser = \"x\"\n[profiles.p]\n", null, Map.of()))
        .startsWith(file() + ":4: invalid TOML:");
  }

  @Test
  void syntaxErrorsNameFileAndLineButNeverQuoteTheValue() {
    // The parser's own messages: 'The string begins with: "hunter2"', 'in numberhunter2', ...
    assertThat(error("url = \"jdbc:sqlite:a.db\"\npassword = \"hunter2\n", null, Map.of()))
        .startsWith(file() + ":2: invalid TOML: a string is not closed on its line")
        .doesNotContain("hunter2");
    assertThat(error("url = \"jdbc:sqlite:a.db\"\npassword = hunter2\n", null, Map.of()))
        .startsWith(file() + ":2: invalid TOML: a value that is not a quoted string")
        .doesNotContain("hunter2")
        .doesNotContain("unter2");
    for (String value :
        new String[] {
          "'hunter2", "true2", "\"hun\\qter2\"", "{x = \"hunter2\"", "12hunter2", "2024-01-0hunter2"
        }) {
      assertThat(error("url = \"jdbc:sqlite:a.db\"\npassword = " + value + "\n", null, Map.of()))
          .as(value)
          .startsWith(file() + ":2: invalid TOML: ")
          .doesNotContain("hunter2")
          .doesNotContain("unter2")
          .doesNotContain("rue2");
    }
  }

  @Test
  void emptyHistoryTableIsAnError() {
    assertThat(error("url = \"jdbc:sqlite:a.db\"\nhistory_table = \" \"\n", null, Map.of()))
        .contains("'history_table' is empty");
  }
}

package dev.retort.cli.config;

import static dev.retort.cli.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplateTest {
  @TempDir Path dir;

  @Test
  void initialFileLoadsBackWithItsDefaults() {
    Path file = write(dir.resolve("project"), ConfigTemplate.initial("jdbc:sqlite:app.db"));
    ResolvedConfig c = ConfigLoader.load(file, null, Map.of(), Map.of(), dir);
    assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("project/app.db"));
    assertThat(c.migrationLocations())
        .containsExactly(dir.resolve("project/migrations").toString());
    assertThat(c.historyTable()).isEqualTo("retort_history");
    assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.ddlLockTimeout()).isNull();
    assertThat(c.statementTimeout()).isNull();
    assertThat(c.user()).isNull();
    assertThat(c.password()).isNull();
    assertThat(c.schema()).isNull();
    assertThat(c.driverProperties()).isEmpty();
  }

  @Test
  void urlWithQuotesAndBackslashesRoundTrips() {
    String url = "jdbc:postgresql://h/db?options=-c%20a=\"b\"&x=C:\\dir\\f\tz";
    Path file = write(dir, ConfigTemplate.initial(url));
    assertThat(ConfigLoader.load(file, null, Map.of(), Map.of(), dir).url()).isEqualTo(url);
  }

  @Test
  void everyKeyIsDocumented() {
    String text = ConfigTemplate.initial("jdbc:sqlite:app.db");
    for (String key : ConfigKeys.SETTINGS) {
      assertThat(text).as(key).containsPattern("(?m)^(# )?" + key + " = ");
    }
    assertThat(text).contains("[driver_properties]").contains("[profiles.prod]");
    for (String variable : ConfigKeys.ENV.keySet()) {
      assertThat(text).contains(variable);
    }
    assertThat(text).contains("RETORT_PROFILE").contains("${VAR:-default}");
  }

  /** The commented examples are valid too: uncommented, they load as documented. */
  @Test
  void commentedExamplesAreValidSettings() {
    String uncommented =
        ConfigTemplate.initial("jdbc:sqlite:app.db")
            .lines()
            .filter(line -> !line.startsWith("# password_file"))
            .map(line -> line.matches("# (\\[|[a-z_]+ = ).*") ? line.substring(2) : line)
            .collect(Collectors.joining("\n", "", "\n"));
    Path file = write(dir, uncommented);
    Map<String, String> env = Map.of("DB_PASSWORD", "dev-pw", "PROD_DB_PASSWORD", "prod-pw");

    ResolvedConfig top = ConfigLoader.load(file, null, Map.of(), env, dir);
    assertThat(top.user()).isEqualTo("app");
    assertThat(top.password()).isEqualTo("dev-pw");
    assertThat(top.schema()).isEqualTo("app");
    assertThat(top.ddlLockTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(top.statementTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(top.driverProperties()).containsExactlyEntriesOf(Map.of("sslmode", "require"));

    ResolvedConfig prod = ConfigLoader.load(file, "prod", Map.of(), env, dir);
    assertThat(prod.url()).isEqualTo("jdbc:postgresql://db.internal:5432/app");
    assertThat(prod.password()).isEqualTo("prod-pw");
    assertThat(prod.driverProperties())
        .containsEntry("ssl", "true")
        .containsEntry("sslmode", "require");
  }
}

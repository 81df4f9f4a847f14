package dev.retort.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedConfigTest {

  private static ResolvedConfig config(String url, String password, Map<String, String> props) {
    return new ResolvedConfig(
        Path.of("/app/retort.toml"),
        url,
        "app",
        password,
        List.of("/app/migrations"),
        "retort_history",
        null,
        Duration.ofSeconds(60),
        null,
        null,
        null,
        null,
        props,
        "prod");
  }

  @Test
  void toStringNeverShowsThePassword() {
    ResolvedConfig c =
        config(
            "jdbc:postgresql://app:hunter2@h/db?password=hunter2&sslmode=require",
            "hunter2",
            Map.of("sslpassword", "hunter2", "sslmode", "require"));
    String text = c.toString();
    assertThat(text)
        .doesNotContain("hunter2")
        .contains("password=****")
        .contains("user=app")
        .contains("url=jdbc:postgresql://h/db?sslmode=require")
        .contains("sslpassword=****")
        .contains("sslmode=require")
        .contains("profile=prod");
    assertThat(config("jdbc:sqlite:/a.db", null, Map.of()).toString()).contains("password=null");
  }

  @Test
  void toStringOfALoadedConfigHidesAPasswordFromTheEnvironment(
      @org.junit.jupiter.api.io.TempDir Path dir) {
    ResolvedConfig c =
        ConfigLoader.load(
            null,
            null,
            Map.of(),
            Map.of("RETORT_URL", "jdbc:postgresql://h/db", "RETORT_PASSWORD", "s3cret-Value"),
            dir);
    assertThat(c.password()).isEqualTo("s3cret-Value");
    assertThat(c.toString()).doesNotContain("s3cret-Value");
  }

  @Test
  void redactedUrlStripsUserinfoAndPasswordParameters() {
    assertThat(
            config("jdbc:postgresql://u:secret@h/db?password=secret&sslmode=require", "x", Map.of())
                .redactedUrl())
        .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
  }

  @Test
  void redactionCases() {
    // The same implementation as dev.retort.Secrets; kept here as the CLI's contract.
    assertThat(JdbcUrls.redact("jdbc:mariadb://h:3306/db?user=u&password=p"))
        .isEqualTo("jdbc:mariadb://h:3306/db?user=u");
    assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?sslmode=require&PASSWORD=p&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?sslmode=require&ssl=true");
    assertThat(
            JdbcUrls.redact(
                "jdbc:postgresql://h/db?password=a&sslpassword=b&trustStorePassword=c&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?x=1");
    assertThat(JdbcUrls.redact("jdbc:postgresql://u:p@ss@h1,h2/db"))
        .isEqualTo("jdbc:postgresql://h1,h2/db");
    assertThat(JdbcUrls.redact("jdbc:sqlserver://h;user=u;password=p;db=x"))
        .isEqualTo("jdbc:sqlserver://h;user=u;db=x");
    assertThat(JdbcUrls.redact("jdbc:mysql://address=(host=h)(password=p)(user=u)/db"))
        .isEqualTo("jdbc:mysql://address=(host=h)(user=u)/db");
    for (String unchanged :
        new String[] {
          "jdbc:sqlite:/var/app.db?journal_mode=WAL",
          "jdbc:postgresql://h:5432/db?sslmode=require",
          "jdbc:postgresql://h/db"
        }) {
      assertThat(JdbcUrls.redact(unchanged)).isEqualTo(unchanged);
    }
  }
}

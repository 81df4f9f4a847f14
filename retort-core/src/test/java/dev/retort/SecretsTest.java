package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials never reach a message: in URLs, and in driver messages that quote a URL. */
class SecretsTest {
  @TempDir Path dir;

  @Test
  void urlsLoseUserinfoAndPasswordParameters() {
    assertThat(Secrets.redact("jdbc:mariadb://h:3306/db?user=u&password=p"))
        .isEqualTo("jdbc:mariadb://h:3306/db?user=u");
    assertThat(Secrets.redact("jdbc:postgresql://h/db?password=p&sslmode=require"))
        .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
    assertThat(Secrets.redact("jdbc:postgresql://h/db?sslmode=require&PASSWORD=p&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?sslmode=require&ssl=true");
    assertThat(
            Secrets.redact(
                "jdbc:postgresql://h/db?password=a&sslpassword=b&trustStorePassword=c&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?x=1");
    assertThat(Secrets.redact("jdbc:postgresql://u:p@ss@h1,h2/db"))
        .isEqualTo("jdbc:postgresql://h1,h2/db");
    assertThat(Secrets.redact("jdbc:sqlserver://h;user=u;password=p;db=x"))
        .isEqualTo("jdbc:sqlserver://h;user=u;db=x");
    assertThat(Secrets.redact("jdbc:mysql://address=(host=h)(password=p)(user=u)/db"))
        .isEqualTo("jdbc:mysql://address=(host=h)(user=u)/db");
    assertThat(Secrets.redact("jdbc:mysql://(host=h,password=p,user=u)/db"))
        .isEqualTo("jdbc:mysql://(host=h,password=***,user=u)/db");
    assertThat(Secrets.redact("jdbc:sqlite:/var/app.db?journal_mode=WAL"))
        .isEqualTo("jdbc:sqlite:/var/app.db?journal_mode=WAL");
    assertThat(Secrets.redact(null)).isNull();
  }

  @Test
  void driverMessagesQuotingAUrlLoseItsSecrets() {
    assertThat(
            Secrets.redact(
                "No suitable driver found for jdbc:mysql://h/x?user=root&password=s3cret"))
        .isEqualTo("No suitable driver found for jdbc:mysql://h/x?user=root");
    assertThat(Secrets.redact("cannot reach jdbc:postgresql://app:s3cret@db/x (refused)"))
        .isEqualTo("cannot reach jdbc:postgresql://db/x (refused)");
    assertThat(Secrets.redact("for jdbc:postgresql://h/x?password=s3cret. Try again"))
        .isEqualTo("for jdbc:postgresql://h/x Try again");
    assertThat(Secrets.redact("bad property sslpassword=s3cret in the URL"))
        .isEqualTo("bad property sslpassword=*** in the URL");
    // Ordinary messages are left alone.
    String plain =
        "password authentication failed for user \"app\"; column \"password\" does not exist";
    assertThat(Secrets.redact(plain)).isEqualTo(plain);
  }

  @Test
  void aConnectErrorDoesNotShowThePasswordInTheUrl() {
    // pgjdbc refuses a URL whose port is not a number with "Unable to parse URL <the whole
    // URL>", like DriverManager's "No suitable driver found for <the whole URL>".
    Retort retort =
        Retort.configure()
            .url("jdbc:postgresql://h:notaport/x?user=root&password=s3cret", null, null, Map.of())
            .location(dir)
            .build();
    assertThatThrownBy(retort::status)
        .isInstanceOf(RetortException.class)
        .hasMessageContaining("Unable to parse URL jdbc:postgresql://h:notaport/x?user=root;")
        .hasMessageNotContaining("s3cret");
  }
}

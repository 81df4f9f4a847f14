package dev.retort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  private static final String POSTGRES =
      "jdbc:postgresql://db.example:6543/postgres?user=admin&password=s%3Dcret&sslmode=disable";

  @Test
  void hostsLeaveOutDatabaseQueryAndCredentials() {
    assertThat(JdbcUrls.hosts(POSTGRES)).isEqualTo("db.example:6543");
    assertThat(JdbcUrls.hosts("jdbc:mariadb://root:pw@127.0.0.1:3306/?user=root"))
        .isEqualTo("127.0.0.1:3306");
    assertThat(JdbcUrls.hosts("jdbc:mariadb://localhost")).isEqualTo("localhost");
  }

  @Test
  void withDatabaseReplacesTheDatabaseAndKeepsTheQuery() {
    assertThat(JdbcUrls.withDatabase(POSTGRES, "retort_x"))
        .isEqualTo(
            "jdbc:postgresql://db.example:6543/retort_x"
                + "?user=admin&password=s%3Dcret&sslmode=disable");
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/?user=root", "retort_x"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/retort_x?user=root");
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://h:1", "retort_x"))
        .isEqualTo("jdbc:mariadb://h:1/retort_x");
  }

  @Test
  void parametersAreDecoded() {
    assertThat(JdbcUrls.parameter(POSTGRES, "user")).isEqualTo("admin");
    assertThat(JdbcUrls.parameter(POSTGRES, "password")).isEqualTo("s=cret");
    assertThat(JdbcUrls.parameter(POSTGRES, "ssl")).isNull();
    assertThat(JdbcUrls.parameter("jdbc:mariadb://h:1/", "user")).isNull();
  }

  @Test
  void notAUrlIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> JdbcUrls.hosts("postgres://user:secretsecret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secretsecret");
  }

  @Test
  void leadingVersionDropsDistributionSuffixes() {
    assertThat(ConfiguredServer.leadingVersion("15.8 (Debian 15.8-0+deb12u1)")).isEqualTo("15.8");
    assertThat(ConfiguredServer.leadingVersion("10.11.6-MariaDB-0+deb12u1")).isEqualTo("10.11.6");
  }
}

package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections for a URL go to the scheme's own driver, or to DriverManager as before. */
class UrlConnectionsTest {
  @TempDir Path dir;

  @Test
  void eachSupportedSchemeGetsItsDriverWhenItIsOnTheClasspath() {
    assertThat(UrlConnections.driverFor("jdbc:sqlite:x.db")).isInstanceOf(org.sqlite.JDBC.class);
    assertThat(UrlConnections.driverFor("JDBC:SQLITE:x.db")).isInstanceOf(org.sqlite.JDBC.class);
    assertThat(UrlConnections.driverFor("jdbc:postgresql://h/db"))
        .isInstanceOf(org.postgresql.Driver.class);
    assertThat(UrlConnections.driverFor("jdbc:mariadb://h/db"))
        .isInstanceOf(org.mariadb.jdbc.Driver.class);
    // MySQL's Connector/J is not a test dependency: DriverManager decides.
    assertThat(UrlConnections.driverFor("jdbc:mysql://h/db")).isNull();
    assertThat(UrlConnections.driverFor("jdbc:h2:mem:x")).isNull();
  }

  @Test
  void aConnectionOpensThroughTheDriver() throws SQLException {
    Properties props = new Properties();
    try (Connection c = UrlConnections.of("jdbc:sqlite:" + dir.resolve("a.db"), props).open()) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("SQLite");
    }
  }

  @Test
  void aUrlNoDriverTakesFailsAsDriverManagerSaysIt() {
    assertThatThrownBy(() -> UrlConnections.of("jdbc:nosuch:x", new Properties()).open())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("No suitable driver");
  }
}

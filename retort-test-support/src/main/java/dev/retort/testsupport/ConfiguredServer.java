package dev.retort.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/** A server named by an environment variable such as {@code RETORT_TEST_POSTGRES_URL}. */
final class ConfiguredServer {
  private ConfiguredServer() {}

  /**
   * The server at {@code $urlVariable}, or {@code null} when the variable is not set. User and
   * password come from the URL's {@code user}/{@code password} parameters (which the drivers let
   * win over connection properties), else from {@code <PREFIX>_USER}/{@code <PREFIX>_PASSWORD}. A
   * server that is set but cannot be used fails the tests instead of skipping them.
   */
  static Availability fromEnvironment(
      String kind, String label, String urlVariable, String defaultUser) {
    String url = System.getenv(urlVariable);
    if (url == null || url.isBlank()) {
      return null;
    }
    String prefix = urlVariable.substring(0, urlVariable.length() - "URL".length());
    String user = firstNonNull(JdbcUrls.parameter(url, "user"), System.getenv(prefix + "USER"));
    String password =
        firstNonNull(JdbcUrls.parameter(url, "password"), System.getenv(prefix + "PASSWORD"));
    String hosts;
    try {
      hosts = JdbcUrls.hosts(url);
    } catch (IllegalArgumentException e) {
      return Availability.failed(label, urlVariable + " is " + e.getMessage());
    }
    Server server = new Server(kind, url, user == null ? defaultUser : user, password, "");
    try (Connection admin = server.admin()) {
      String version = leadingVersion(admin.getMetaData().getDatabaseProductVersion());
      return Availability.available(
          label,
          new Server(
              kind,
              url,
              server.user(),
              password,
              "server " + version + " at " + hosts + " from " + urlVariable));
    } catch (SQLException e) {
      String problem = String.valueOf(e.getMessage());
      if (password != null && !password.isEmpty()) {
        problem = problem.replace(password, "***");
      }
      return Availability.failed(
          label,
          urlVariable + " is set but the server at " + hosts + " cannot be used: " + problem);
    }
  }

  /** {@code 15.8} from {@code 15.8 (Debian 15.8-0+deb12u1)} or {@code 10.11.6-MariaDB-...}. */
  static String leadingVersion(String productVersion) {
    int end = 0;
    while (end < productVersion.length()
        && (Character.isDigit(productVersion.charAt(end)) || productVersion.charAt(end) == '.')) {
      end++;
    }
    return end == 0 ? productVersion : productVersion.substring(0, end);
  }

  private static String firstNonNull(String first, String second) {
    return first != null ? first : second;
  }
}

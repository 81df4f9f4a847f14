package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What the numbers were measured on: the machine, its load, and every version involved. */
final class Machine {
  private Machine() {}

  static List<String> describe(String sqliteShell) {
    List<String> out = new ArrayList<>();
    out.add(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPU(s) (nproc), "
            + cpuModel()
            + ", "
            + memory()
            + " RAM, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version"));
    out.add("Load average at start (1/5/15 min): " + loadAverage());
    out.add(
        "Java: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"));
    out.add(
        "SQLite: "
            + sqliteVersion()
            + " (sqlite-jdbc "
            + pomVersion("org.xerial", "sqlite-jdbc")
            + "); sqlite3 shell "
            + sqliteShell);
    out.add(
        "PostgreSQL: "
            + postgresVersion()
            + " (pgjdbc "
            + org.postgresql.util.DriverInfo.DRIVER_VERSION
            + ")");
    out.add(
        "Tools: Retort "
            + dev.retort.Retort.version()
            + ", Flyway "
            + pomVersion("org.flywaydb", "flyway-core")
            + " (flyway-core + flyway-database-postgresql), Liquibase "
            + liquibase.util.LiquibaseUtil.getBuildVersion()
            + " (liquibase-core)");
    return out;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D+", ""));
          return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return "unknown";
  }

  /** The version in a jar's META-INF/maven/.../pom.properties, as Maven wrote it. */
  static String pomVersion(String group, String artifact) {
    String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (var in = Machine.class.getResourceAsStream(res)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String sqliteVersion() {
    return query("jdbc:sqlite::memory:", "SELECT sqlite_version()");
  }

  private static String postgresVersion() {
    return query(Db.PG_ADMIN, "SHOW server_version");
  }

  private static String query(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }
}

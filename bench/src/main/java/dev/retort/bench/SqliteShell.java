package dev.retort.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The sqlite3 command-line shell, the floor of the drop-column scenario. */
final class SqliteShell {
  private SqliteShell() {}

  /** Its version, or null when it is not installed. */
  static String version() {
    try {
      Process p = new ProcessBuilder("sqlite3", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      String[] parts = out.split("\\s+");
      return parts[0];
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

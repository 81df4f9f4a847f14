package dev.retort.cli;

import dev.retort.lock.FileMigrationLock;
import dev.retort.lock.MigrationLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM: takes the migration lock of a SQLite database file, prints {@code locked
 * <pid>}, and holds it until its stdin closes.
 */
final class CliLockHolderMain {
  private CliLockHolderMain() {}

  public static void main(String[] args) throws IOException {
    Path lockFile = Path.of(args[0] + ".retort.lock");
    try (MigrationLock.Held held =
        new FileMigrationLock(lockFile).acquire(Duration.ofSeconds(10))) {
      System.out.println("locked " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Hold until the parent closes our stdin.
      }
    }
  }
}

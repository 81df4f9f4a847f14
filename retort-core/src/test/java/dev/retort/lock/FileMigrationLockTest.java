package dev.retort.lock;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMigrationLockTest extends LockContract implements CrossProcessContract {
  @TempDir Path dir;

  @Override
  public MigrationLock lock(String name) {
    return new FileMigrationLock(dir.resolve(name));
  }

  @Override
  public String name() {
    return TestServer.randomName() + ".db.retort.lock";
  }

  @Override
  String holderMark() {
    return ProcessHandle.current().pid() + "@";
  }

  @Override
  public List<String> childArgs(String name) {
    return List.of("file", dir.resolve(name).toString());
  }

  @Test
  void namesTheHolderInTheFileWhileHeldAndNeverDeletesIt() throws Exception {
    Path file = dir.resolve(name());
    try (MigrationLock.Held held = new FileMigrationLock(file).acquire(WAIT)) {
      assertThat(Files.readString(file, UTF_8))
          .startsWith(ProcessHandle.current().pid() + "@")
          .contains(" since ");
    }
    assertThat(file).exists().isEmptyFile();
  }

  /**
   * POSIX drops all of a process's locks on a file when any descriptor of it is closed. A thread of
   * this JVM that waits and gives up must not do that to the holder in this JVM.
   */
  @Test
  void aWaiterInThisJvmThatGivesUpLeavesTheOsLockHeld(@TempDir Path logs) throws Exception {
    String name = name();
    try (MigrationLock.Held held = lock(name).acquire(WAIT)) {
      CompletableFuture<MigrationLock.Held> waiter =
          CompletableFuture.supplyAsync(() -> lock(name).acquire(Duration.ofMillis(200)));
      assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(RetortException.class);
      try (ChildProcess child =
          new ChildProcess(logs, List.of("try", "file", dir.resolve(name).toString()))) {
        assertThat(child.firstLine()).startsWith("TIMEOUT ").contains(holderMark());
      }
    }
  }

  @Test
  void sqliteDialectLocksAFileBesideTheDatabase() {
    Path db = dir.resolve("app.db");
    MigrationLock lock =
        Dialects.forUrl("jdbc:sqlite:" + db).migrationLock(null, "jdbc:sqlite:" + db, null);
    try (MigrationLock.Held held = lock.acquire(WAIT)) {
      assertThat(dir.resolve("app.db.retort.lock")).exists();
    }
  }

  @Test
  void aMissingDirectoryIsReportedWithThePath() {
    Path file = dir.resolve("no-such-dir").resolve("app.db.retort.lock");
    assertThatThrownBy(() -> new FileMigrationLock(file).acquire(WAIT))
        .isInstanceOfSatisfying(
            RetortException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE))
        .hasMessageContaining(file.toString());
  }
}

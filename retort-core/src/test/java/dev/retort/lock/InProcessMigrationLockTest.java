package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialects;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessMigrationLockTest extends LockContract {
  @Override
  MigrationLock lock(String name) {
    return new InProcessMigrationLock(name);
  }

  @Override
  String name() {
    return "jdbc:sqlite:file:" + TestServer.randomName() + "?mode=memory";
  }

  @Override
  String holderMark() {
    return "thread '" + Thread.currentThread().getName() + "' of this process";
  }

  @Test
  void sqliteDialectUsesItForInMemoryDatabases() {
    String url = "jdbc:sqlite::memory:";
    MigrationLock lock = Dialects.forUrl(url).migrationLock(null, url, null);
    assertThat(lock).isInstanceOf(InProcessMigrationLock.class);
    try (MigrationLock.Held held = lock.acquire(Duration.ZERO)) {
      assertThat(held).isNotNull();
    }
  }
}

package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every migration lock does, run against each kind. Two lock objects with the same name stand
 * for two migrators; they contend from two threads here and from two processes in {@link
 * CrossProcessContract}.
 */
abstract class LockContract {
  static final Duration WAIT = Duration.ofSeconds(1);

  /** Sanity bound on top of the wait: polling back-off, naming the holder, a busy machine. */
  static final Duration SLACK = Duration.ofMillis(1500);

  /** A fresh lock object for {@code name}, as another migrator would build it. */
  abstract MigrationLock lock(String name);

  /** A unique name for this test, valid for this kind of lock. */
  abstract String name();

  /** What a timeout message must contain once {@code held} is held (pid, connection id). */
  abstract String holderMark() throws Exception;

  /** Checks that released locks left nothing open (connections, files). */
  void assertNothingLeftOpen() throws Exception {}

  @Test
  void acquiresAndReleases() throws Exception {
    String name = name();
    MigrationLock.Held held = lock(name).acquire(WAIT);
    held.close();
    held.close(); // idempotent
    try (MigrationLock.Held again = lock(name).acquire(Duration.ZERO)) {
      assertThat(again).isNotNull();
    }
    assertNothingLeftOpen();
  }

  @Test
  void secondAcquireTimesOutAfterTheWaitNamingTheHolder() throws Exception {
    String name = name();
    try (MigrationLock.Held held = lock(name).acquire(WAIT)) {
      String mark = holderMark();
      long start = System.nanoTime();
      CompletableFuture<MigrationLock.Held> second =
          CompletableFuture.supplyAsync(() -> lock(name).acquire(WAIT));
      assertThatThrownBy(
              () -> second.get(WAIT.plus(SLACK).toMillis() + 5000, TimeUnit.MILLISECONDS))
          .cause()
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage())
                    .contains("migration lock ")
                    .contains(mark)
                    .contains("waited 1s")
                    .contains("--lock-timeout");
              });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(WAIT).isLessThan(WAIT.plus(SLACK));
    }
    assertNothingLeftOpen();
  }

  @Test
  void acquiresAsSoonAsTheHolderReleases() throws Exception {
    String name = name();
    MigrationLock.Held held = lock(name).acquire(WAIT);
    AtomicLong acquiredAt = new AtomicLong();
    CompletableFuture<MigrationLock.Held> second =
        CompletableFuture.supplyAsync(
            () -> {
              MigrationLock.Held h = lock(name).acquire(Duration.ofSeconds(20));
              acquiredAt.set(System.nanoTime());
              return h;
            });
    Thread.sleep(700);
    assertThat(second).as("waits while the first holds the lock").isNotDone();
    long releasedAt = System.nanoTime();
    held.close();
    try (MigrationLock.Held h = second.get(20, TimeUnit.SECONDS)) {
      assertThat(Duration.ofNanos(acquiredAt.get() - releasedAt)).isLessThan(SLACK);
    }
    assertNothingLeftOpen();
  }

  @Test
  void differentNamesDoNotBlockEachOther() throws Exception {
    try (MigrationLock.Held a = lock(name()).acquire(WAIT);
        MigrationLock.Held b = lock(name()).acquire(Duration.ZERO)) {
      assertThat(a).isNotSameAs(b);
    }
    assertNothingLeftOpen();
  }
}

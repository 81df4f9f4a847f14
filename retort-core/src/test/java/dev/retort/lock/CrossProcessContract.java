package dev.retort.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a lock excludes other processes and that a killed holder never blocks: a child JVM
 * takes the lock, this JVM times out naming it, the child is killed with SIGKILL and the lock is
 * free again within seconds.
 */
interface CrossProcessContract {
  /** A fresh lock object for {@code name}. */
  MigrationLock lock(String name);

  /** A unique lock name. */
  String name();

  /** Arguments of {@link LockHolderMain} after {@code hold|try} for a lock named {@code name}. */
  List<String> childArgs(String name);

  @Test
  default void killedHolderInAnotherProcessNeverBlocks(@TempDir Path dir) throws Exception {
    String name = name();
    try (ChildProcess child = new ChildProcess(dir, concat("hold", childArgs(name)))) {
      String line = child.firstLine();
      assertThat(line).startsWith("LOCKED ");
      String mark = line.substring("LOCKED ".length());

      long start = System.nanoTime();
      assertThatThrownBy(() -> lock(name).acquire(LockContract.WAIT))
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains(mark);
              });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .isGreaterThanOrEqualTo(LockContract.WAIT)
          .isLessThan(LockContract.WAIT.plus(LockContract.SLACK));

      child.kill();
      long killed = System.nanoTime();
      try (MigrationLock.Held held = lock(name).acquire(Duration.ofSeconds(20))) {
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  default void anotherProcessWaitsWhileThisOneHolds(@TempDir Path dir) throws Exception {
    String name = name();
    try (MigrationLock.Held held = lock(name).acquire(LockContract.WAIT);
        ChildProcess child = new ChildProcess(dir, concat("try", childArgs(name)))) {
      assertThat(child.firstLine()).startsWith("TIMEOUT ").contains("waited 0s");
    }
    try (ChildProcess child = new ChildProcess(dir, concat("try", childArgs(name)))) {
      assertThat(child.firstLine()).isEqualTo("LOCKED");
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    return Stream.concat(Stream.of(first), rest.stream()).toList();
  }
}

package dev.retort.lock;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The deadline of one {@link MigrationLock#acquire} call: how much of the wait is left, a sleep
 * that backs off between attempts, and the one-line message when the wait ends.
 */
final class LockWait {
  /** Longer than any sensible wait; keeps nanosecond arithmetic far from overflow. */
  private static final Duration LONGEST = Duration.ofDays(365L * 100);

  private final Duration wait;
  private final long deadlineNanos;
  private long nextSleepMillis;
  private final long maxSleepMillis;

  LockWait(Duration wait, long firstSleepMillis, long maxSleepMillis) {
    Objects.requireNonNull(wait, "wait");
    this.wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    this.deadlineNanos = System.nanoTime() + this.wait.toNanos();
    this.nextSleepMillis = firstSleepMillis;
    this.maxSleepMillis = maxSleepMillis;
  }

  /** What is left of the wait, never negative. */
  Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /**
   * Sleeps until the next attempt (doubling up to the maximum, never past the deadline).
   *
   * @return false when the wait is over and no attempt is left
   */
  boolean sleep(String lockName) {
    long leftMillis = (remaining().toNanos() + 999_999) / 1_000_000;
    if (leftMillis <= 0) {
      return false;
    }
    try {
      Thread.sleep(Math.min(nextSleepMillis, leftMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(lockName, e);
    }
    nextSleepMillis = Math.min(nextSleepMillis * 2, maxSleepMillis);
    return true;
  }

  RetortException interrupted(String lockName, InterruptedException e) {
    return new RetortException(
        ErrorCode.LOCK_TIMEOUT,
        "interrupted while waiting for migration lock " + lockName + "; run the command again",
        e);
  }

  /** The LOCK_TIMEOUT failure, naming the holder as well as the database or OS could tell. */
  RetortException timeout(String lockName, String holder, String advice) {
    return new RetortException(
        ErrorCode.LOCK_TIMEOUT,
        "migration lock "
            + lockName
            + " is held by "
            + holder
            + "; waited "
            + seconds(wait)
            + "; "
            + advice);
  }

  static final String STOP_THAT_PROCESS = "wait longer with --lock-timeout or stop that process";

  /** 2000 ms as "2s", 1500 ms as "1.5s". */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }
}

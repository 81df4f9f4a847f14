package dev.retort.lock;

import java.time.Duration;

/**
 * One lock per database (per schema on PostgreSQL) that makes sure a single process migrates. Every
 * implementation is released by the database or the operating system when its holder dies (a
 * session lock, a file lock), never a flag row that can outlive a killed process.
 */
public interface MigrationLock {
  /**
   * Waits at most {@code wait} for the lock.
   *
   * @throws dev.retort.RetortException with {@link dev.retort.ErrorCode#LOCK_TIMEOUT} when the wait
   *     ends, naming the holder where the database can tell
   */
  Held acquire(Duration wait);

  /** A held lock; closing it releases the lock and its dedicated connection or file. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}

package dev.retort.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Locks that exclude threads of this JVM, one per key.
 *
 * <p>Retort avoids global mutable state, but what these locks guard is itself global to the JVM: an
 * in-memory SQLite database lives as long as the JVM and is shared by name, and the OS file locks
 * behind {@link FileMigrationLock} belong to the whole process (a second lock on the same file from
 * this JVM is not excluded by the OS, see there). So the registry is static and keyed by name.
 * Entries are never removed: one tiny slot per database this JVM ever migrated.
 *
 * <p>A slot is a binary semaphore rather than a {@link java.util.concurrent.locks.ReentrantLock}: a
 * held migration lock may be released by another thread than the one that took it, and taking it
 * twice from the same thread is a bug that should wait and time out, not silently nest.
 */
final class JvmLocks {
  private static final ConcurrentMap<String, Slot> SLOTS = new ConcurrentHashMap<>();

  private JvmLocks() {}

  static Slot slot(String key) {
    return SLOTS.computeIfAbsent(key, k -> new Slot());
  }

  static final class Slot {
    private final Semaphore permit = new Semaphore(1, true);
    private volatile String holder;

    /** Waits at most {@code wait}; true when taken. */
    boolean tryAcquire(Duration wait) throws InterruptedException {
      if (!permit.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return false;
      }
      holder =
          "thread '"
              + Thread.currentThread().getName()
              + "' of this process ("
              + Holders.thisProcess()
              + ") since "
              + Instant.now();
      return true;
    }

    /** Call once per successful {@link #tryAcquire}. */
    void release() {
      holder = null;
      permit.release();
    }

    /** Who holds the slot, or a plain description when it was released meanwhile. */
    String holder() {
      String h = holder;
      return h != null ? h : "another thread of this process (released just now)";
    }
  }
}

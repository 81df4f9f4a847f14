package dev.retort.lock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The migration lock of an in-memory SQLite database: such a database exists only inside this JVM,
 * so a lock shared by the threads of this JVM, keyed by the database's name, is all it needs (see
 * {@link JvmLocks} for why that registry is static).
 */
public final class InProcessMigrationLock implements MigrationLock {
  private final String name;

  public InProcessMigrationLock(String name) {
    this.name = name;
  }

  @Override
  public Held acquire(Duration wait) {
    LockWait deadline = new LockWait(wait, 0, 0);
    JvmLocks.Slot slot = JvmLocks.slot("memory:" + name);
    boolean taken;
    try {
      taken = slot.tryAcquire(deadline.remaining());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw deadline.interrupted(name, e);
    }
    if (!taken) {
      throw deadline.timeout(
          name, slot.holder(), "wait longer with --lock-timeout or let that migration finish");
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        slot.release();
      }
    };
  }

  @Override
  public String toString() {
    return "in-process migration lock " + name;
  }
}

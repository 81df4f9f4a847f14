package dev.retort.lock;

import java.time.Duration;

/** Placeholder until the lock work lands. */
public final class InProcessMigrationLock implements MigrationLock {
  public InProcessMigrationLock(String name) {}

  @Override
  public Held acquire(Duration wait) {
    throw new UnsupportedOperationException("not yet");
  }
}

package dev.retort.lock;

import dev.retort.ConnectionSource;
import java.time.Duration;

/** Placeholder until the lock work lands. */
public final class MySqlNamedLock implements MigrationLock {
  public MySqlNamedLock(ConnectionSource source, String lockName) {}

  @Override
  public Held acquire(Duration wait) {
    throw new UnsupportedOperationException("not yet");
  }
}

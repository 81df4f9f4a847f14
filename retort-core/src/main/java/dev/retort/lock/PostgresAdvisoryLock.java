package dev.retort.lock;

import dev.retort.ConnectionSource;
import java.time.Duration;

/** Placeholder until the lock work lands. */
public final class PostgresAdvisoryLock implements MigrationLock {
  public PostgresAdvisoryLock(ConnectionSource source, String lockName) {}

  @Override
  public Held acquire(Duration wait) {
    throw new UnsupportedOperationException("not yet");
  }
}

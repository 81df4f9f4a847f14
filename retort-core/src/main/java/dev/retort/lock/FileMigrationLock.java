package dev.retort.lock;

import java.nio.file.Path;
import java.time.Duration;

/** Placeholder until the lock work lands. */
public final class FileMigrationLock implements MigrationLock {
  public FileMigrationLock(Path lockFile) {}

  @Override
  public Held acquire(Duration wait) {
    throw new UnsupportedOperationException("not yet");
  }
}

package dev.retort.lock;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock of a SQLite database file: an OS file lock on a lock file beside it. The
 * kernel drops the lock when the holding process dies, however it dies, so a killed migration never
 * leaves the database locked.
 *
 * <p>OS file locks belong to a process, not to a channel or a thread, and on POSIX systems closing
 * <em>any</em> descriptor of a file releases every lock the process holds on it (the JDK does not
 * protect against this; SQLite's own os_unix.c works around the same rule). So threads of this JVM
 * first take a JVM-wide lock per lock file ({@link JvmLocks}) and only the winner opens the file:
 * while a thread holds the OS lock no other descriptor of the file is ever opened or closed here.
 *
 * <p>While held, the file contains "pid@host since time" so that a waiter can name the holder. That
 * text is informational; only the OS lock excludes.
 */
public final class FileMigrationLock implements MigrationLock {
  private static final Logger LOG = LoggerFactory.getLogger(FileMigrationLock.class);

  /**
   * The locked region: one byte far past the text. On Windows a lock forbids others to read the
   * locked bytes; locking beyond the text keeps the holder's name readable for waiters.
   */
  private static final long REGION = Long.MAX_VALUE - 1;

  private static final int MAX_HOLDER_CHARS = 200;

  private final Path lockFile;

  public FileMigrationLock(Path lockFile) {
    this.lockFile = lockFile.toAbsolutePath().normalize();
  }

  @Override
  public Held acquire(Duration wait) {
    LockWait deadline = new LockWait(wait, 20, 250);
    String name = lockFile.toString();
    JvmLocks.Slot slot;
    try {
      slot = JvmLocks.slot("file:" + canonical());
      if (!slot.tryAcquire(deadline.remaining())) {
        throw deadline.timeout(name, slot.holder(), LockWait.STOP_THAT_PROCESS);
      }
    } catch (IOException e) {
      throw cannotUse(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw deadline.interrupted(name, e);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, CREATE, READ, WRITE);
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          writeHolder(channel);
          Held held = new FileHeld(slot, channel, lock);
          channel = null;
          return held;
        }
        if (!deadline.sleep(name)) {
          throw deadline.timeout(name, readHolder(channel), LockWait.STOP_THAT_PROCESS);
        }
      }
    } catch (IOException e) {
      throw cannotUse(e);
    } finally {
      if (channel != null) {
        // Safe: this thread holds the JVM-wide slot, so no lock of this process is on the file.
        closeQuietly(channel);
        slot.release();
      }
    }
  }

  /** One JVM-wide key per file, whichever symlinks lead to it. Opens no descriptor. */
  private Path canonical() throws IOException {
    if (Files.exists(lockFile)) {
      return lockFile.toRealPath();
    }
    return lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock(REGION, 1, false);
    } catch (OverlappingFileLockException e) {
      // Another channel of this JVM holds it, under a name canonical() did not unify (a hard
      // link): busy, like a lock held by another process.
      return null;
    }
  }

  private static void writeHolder(FileChannel channel) {
    byte[] text = (Holders.thisProcess() + " since " + Instant.now() + "\n").getBytes(UTF_8);
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text), 0);
    } catch (IOException e) {
      // The text only names the holder; the lock itself is held.
      LOG.debug("could not write the holder into the lock file", e);
    }
  }

  /** Reads through the channel we already have: opening and closing another would be unsafe. */
  private static String readHolder(FileChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    try {
      channel.read(buffer, 0);
    } catch (IOException e) {
      return "another process (its lock file could not be read: " + e.getMessage() + ")";
    }
    String text = new String(buffer.array(), 0, buffer.position(), UTF_8).strip();
    int newline = text.indexOf('\n');
    text = newline >= 0 ? text.substring(0, newline) : text;
    if (text.isEmpty()) {
      return "another process (it has not written its name into the lock file yet)";
    }
    return "process "
        + (text.length() > MAX_HOLDER_CHARS ? text.substring(0, MAX_HOLDER_CHARS) : text);
  }

  private RetortException cannotUse(IOException e) {
    return new RetortException(
        ErrorCode.DATABASE,
        "cannot lock "
            + lockFile
            + ": "
            + e
            + "; check that its directory exists and is writable by this user",
        e);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("could not close the lock file", e);
    }
  }

  @Override
  public String toString() {
    return "file migration lock " + lockFile;
  }

  private static final class FileHeld implements Held {
    private final JvmLocks.Slot slot;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean open = new AtomicBoolean(true);

    FileHeld(JvmLocks.Slot slot, FileChannel channel, FileLock lock) {
      this.slot = slot;
      this.channel = channel;
      this.lock = lock;
    }

    /**
     * Empties the file and releases the lock, but never deletes the file: a waiter may have it open
     * already. If we unlinked it, that waiter would lock the old, nameless inode while a newcomer
     * creates and locks a new file under the same name, and both would migrate at once.
     */
    @Override
    public void close() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      try {
        channel.truncate(0);
      } catch (IOException e) {
        LOG.debug("could not empty the lock file", e);
      }
      try {
        lock.release();
      } catch (IOException e) {
        LOG.debug("could not release the file lock; closing the file releases it", e);
      }
      closeQuietly(channel);
      slot.release();
    }
  }
}

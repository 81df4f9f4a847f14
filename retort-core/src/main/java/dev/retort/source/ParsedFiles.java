package dev.retort.source;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Migrations parsed from files, kept while the file is unchanged: same size, same modification
 * time, same file (inode). Reading and parsing 200 unchanged files was most of the time of a no-op
 * {@code upgrade()} in a running application (docs/benchmarks.md).
 *
 * <p>A modification time only tells changes apart when they fall in different ticks of the file
 * system's clock, which can be coarse (a few milliseconds; two seconds on FAT). So, as git does for
 * its index ("racy git"), a file is remembered only if it was last modified well before it was
 * read: any later edit then gets a later modification time. A file written just before it was read
 * is read again the next time, until it is old enough. Safe for concurrent use. One instance serves
 * one folder.
 */
final class ParsedFiles {
  /** How much older than the read a file must be: more than any file system's clock tick. */
  static final long SETTLED_MILLIS = 3_000;

  /** Whether a file with these attributes was last modified well before {@code readAt}. */
  static boolean settled(BasicFileAttributes a, long readAt) {
    return a.lastModifiedTime().toMillis() < readAt - SETTLED_MILLIS;
  }

  private record Known(long size, long modified, Object fileKey, String origin, Migration m) {}

  /** By file, relative to its folder. */
  private final ConcurrentHashMap<String, Known> byPath = new ConcurrentHashMap<>();

  /** The migration parsed earlier from this unchanged file under this origin, or null. */
  Migration reuse(FolderFiles.Entry file, String origin) {
    Known k = byPath.get(file.relative());
    BasicFileAttributes a = file.attributes();
    if (k == null
        || k.size != a.size()
        || k.modified != a.lastModifiedTime().toMillis()
        || !Objects.equals(k.fileKey, a.fileKey())
        || !k.origin.equals(origin)) {
      return null;
    }
    return k.m;
  }

  /**
   * Remembers what {@code file} parsed to, if its modification time (as listed before the read
   * began at {@code readAt}) is settled; forgets it otherwise.
   */
  void remember(FolderFiles.Entry file, String origin, Migration m, long readAt) {
    BasicFileAttributes a = file.attributes();
    long modified = a.lastModifiedTime().toMillis();
    String key = file.relative();
    if (settled(a, readAt)) {
      byPath.put(key, new Known(a.size(), modified, a.fileKey(), origin, m));
    } else {
      byPath.remove(key);
    }
  }
}

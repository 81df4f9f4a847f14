package dev.retort.source;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a no-op {@code upgrade} needs of each migration file (revision, parents, checksum), kept on
 * disk between processes, one file per migrations folder, so that a command in a new JVM can tell
 * that nothing is pending from one read and one {@code stat} per migration instead of reading,
 * parsing and hashing every file in a JVM that interprets that code (docs/benchmarks.md).
 *
 * <p>An entry counts only while its file has the same size, modification time (to the nanosecond
 * the file system keeps) and identity (device and inode), as git trusts its index. As for {@link
 * ParsedFiles}, a file modified shortly before it was read is not recorded ("racy git"): a later
 * edit within the same tick of a coarse file-system clock could otherwise go unseen.
 *
 * <p>The cache can only ever say "nothing to do": a summary carries no SQL, and every command that
 * runs, validates or reports anything reads the files themselves. A cache file that is missing,
 * damaged, written by another build of Retort (whose parser may read a file differently) or for
 * another folder is ignored and rewritten; so is one that is not the user's own or that others may
 * write, since a planted summary could hide an edited migration. A cache folder that cannot be
 * written costs the speed-up and nothing else.
 */
final class SummaryCache {
  private static final String HEADER = "retort source summary 2 " + Checksums.ALGORITHM;

  /** How many folders' summaries the cache keeps: more than one machine's apps will have. */
  static final int KEEP = 64;

  private final Path dir;

  SummaryCache(Path dir) {
    this.dir = dir;
  }

  /** One migration's summary and the state of its file when it was read. */
  private record Entry(
      long size, long modifiedNanos, String fileKey, String id, List<String> parents, String sum) {
    boolean matches(BasicFileAttributes a) {
      return size == a.size()
          && modifiedNanos == a.lastModifiedTime().to(TimeUnit.NANOSECONDS)
          && fileKey.equals(keyOf(a));
    }
  }

  /**
   * The summaries of {@code files} (the folder's listing, {@code .sql} files only) as migrations
   * without SQL, or null when any file is not recorded as it is now.
   */
  List<Migration> read(Path folder, String prefix, List<FolderFiles.Entry> files) {
    if (Build.STAMP == null) {
      return null;
    }
    Map<String, Entry> known = load(folder);
    if (known == null) {
      return null;
    }
    List<Migration> out = new ArrayList<>(files.size());
    for (FolderFiles.Entry file : files) {
      Entry e = known.get(file.relative());
      if (e == null || !e.matches(file.attributes())) {
        return null;
      }
      out.add(
          new Migration(
              e.id, e.parents, "", true, prefix + file.relative(), e.sum, null, null, null));
    }
    return out;
  }

  /**
   * Records the migrations parsed from {@code files} (same order), those whose files were last
   * modified well before {@code listedAt}, the time just before the folder was listed. Writes only
   * when that changes the cache file; never fails the command.
   */
  void write(Path folder, List<FolderFiles.Entry> files, List<Migration> parsed, long listedAt) {
    if (Build.STAMP == null) {
      return;
    }
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append(escape(Build.STAMP)).append('\n');
    text.append(escape(folder.toString())).append('\n');
    for (int i = 0; i < files.size(); i++) {
      BasicFileAttributes a = files.get(i).attributes();
      if (!ParsedFiles.settled(a, listedAt)) {
        continue;
      }
      Migration m = parsed.get(i);
      text.append(escape(files.get(i).relative()))
          .append('\t')
          .append(a.size())
          .append('\t')
          .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS))
          .append('\t')
          .append(escape(keyOf(a)))
          .append('\t')
          .append(m.id())
          .append('\t')
          .append(String.join(" ", m.parents()))
          .append('\t')
          .append(m.checksum())
          .append('\n');
    }
    Path file = fileFor(folder);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try {
      boolean existed = Files.isRegularFile(file);
      if (existed && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return;
      }
      if (!existed) {
        prune(file);
      }
      createPrivate(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, bytes);
        // Renamed into place: a concurrent reader sees the old file or the new one, never half.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Read-only or full: the next command reads the files, as without a cache.
    }
  }

  /**
   * Keeps the folder from growing without end where each deploy brings its migrations in a folder
   * of a new name (a release directory per deploy): before a new summary is added, all but the
   * {@link #KEEP} most recently written are deleted, and so is a temporary file a killed command
   * left behind. A folder that is still in use and lost its summary only reads its files once more.
   */
  private void prune(Path adding) {
    Map<Path, Long> summaries = new HashMap<>();
    long staleTmp = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        // Only names Retort gives (fileFor, and write's temporary files): the folder is the
        // user's to choose and may hold other files. One another command deletes meanwhile is
        // skipped, and pruning never fails a write.
        boolean summary = isSummaryName(name);
        boolean tmp = !summary && isTemporaryName(name);
        if (!summary && !tmp) {
          continue;
        }
        try {
          long written = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis();
          if (summary && !f.equals(adding)) {
            summaries.put(f, written);
          } else if (tmp && written < staleTmp) {
            Files.deleteIfExists(f);
          }
        } catch (IOException e) {
          // gone already
        }
      }
    } catch (IOException | RuntimeException e) {
      return; // no folder yet, or unreadable: nothing to prune
    }
    if (summaries.size() < KEEP) {
      return;
    }
    List<Path> newestFirst = new ArrayList<>(summaries.keySet());
    newestFirst.sort((a, b) -> Long.compare(summaries.get(b), summaries.get(a)));
    for (Path f : newestFirst.subList(KEEP - 1, newestFirst.size())) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // another command's, or read-only: the next new summary tries again
      }
    }
  }

  /** {@link #fileFor}'s names: 16 hex digits and {@code .summary}. */
  static boolean isSummaryName(String name) {
    return name.length() == 24 && name.endsWith(".summary") && isHex(name, 16);
  }

  /** {@link #write}'s temporary files: a summary's name, digits, {@code .tmp}. */
  static boolean isTemporaryName(String name) {
    if (name.length() <= 28 || !name.endsWith(".tmp") || !isSummaryName(name.substring(0, 24))) {
      return false;
    }
    for (int i = 24; i < name.length() - 4; i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s, int count) {
    for (int i = 0; i < count; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The cache file's entries by relative path; null when it is missing or not for this folder. */
  private Map<String, Entry> load(Path folder) {
    Path file = fileFor(folder);
    String text;
    try {
      if (!trusted(file)) {
        return null;
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | SecurityException e) {
      return null;
    }
    String[] lines = text.split("\n", -1);
    if (lines.length < 4
        || !lines[0].equals(HEADER)
        || !lines[1].equals(escape(Build.STAMP))
        || !lines[2].equals(escape(folder.toString()))
        || !lines[lines.length - 1].isEmpty()) {
      return null; // another format or build, a hash collision, or a file cut short
    }
    Map<String, Entry> out = new HashMap<>();
    for (int i = 3; i < lines.length - 1; i++) {
      String[] f = lines[i].split("\t", -1);
      if (f.length != 7) {
        return null;
      }
      try {
        List<String> parents = f[5].isEmpty() ? List.of() : List.of(f[5].split(" "));
        out.put(
            unescape(f[0]),
            new Entry(
                Long.parseLong(f[1]), Long.parseLong(f[2]), unescape(f[3]), f[4], parents, f[6]));
      } catch (RuntimeException e) {
        return null;
      }
    }
    return out;
  }

  /**
   * One file per folder, named by a 64-bit FNV-1a hash of the folder's absolute path: the file
   * names the folder inside, so a collision only makes two folders share one file, and a hit needs
   * no message digest (whose set-up a new JVM pays for).
   */
  Path fileFor(Path folder) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : folder.toString().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return dir.resolve(HexFormat.of().toHexDigits(hash) + ".summary");
  }

  /**
   * Whether the cache file is the user's own and no one else may write it. Only where the file
   * system has Unix attributes; elsewhere the folder's access rules are the user's to set.
   */
  private static boolean trusted(Path file) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
    int mode = (Integer) a.get("mode");
    if ((mode & 0_022) != 0) {
      return false; // group or others may write it
    }
    Integer own = Owner.UID;
    return own == null || own.equals(a.get("uid"));
  }

  /** This process's user id: from /proc on Linux, else from the JDK's Unix login module. */
  private static final class Owner {
    static final Integer UID = uid();

    private static Integer uid() {
      try {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
          return (Integer) Files.getAttribute(self, "unix:uid");
        }
        Class<?> unix = Class.forName("com.sun.security.auth.module.UnixSystem");
        Object system = unix.getConstructor().newInstance();
        return (int) (long) (Long) unix.getMethod("getUid").invoke(system);
      } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
        return null; // unknown: the mode check still applies
      }
    }
  }

  /**
   * This build of Retort: where its classes are (a jar or a folder), with their size and time. A
   * cache written by another build is not read, since its parser may read a file differently. Null,
   * and no cache, when the classes have no file (a custom class loader).
   */
  private static final class Build {
    static final String STAMP = stamp();

    private static String stamp() {
      try {
        CodeSource source = SummaryCache.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
          return null;
        }
        Path where = Path.of(source.getLocation().toURI());
        BasicFileAttributes a = Files.readAttributes(where, BasicFileAttributes.class);
        return where + " " + a.size() + " " + a.lastModifiedTime().toMillis();
      } catch (URISyntaxException | IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /** The file's identity: device and inode where the platform has them. */
  private static String keyOf(BasicFileAttributes a) {
    Object key = a.fileKey();
    return key == null ? "-" : key.toString();
  }

  /** Created readable by its owner only where the file system has POSIX permissions. */
  private static void createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      // made by a concurrent command
    }
  }

  /** Tabs, newlines and backslashes of paths, escaped so that each entry stays one line. */
  static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
    }
    return out.toString();
  }
}

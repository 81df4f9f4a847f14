package dev.retort.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The regular files under a folder, subfolders included, hidden ones left out, sorted by their path
 * relative to the folder, each with its attributes, which {@link ParsedFiles} compares: one stat
 * per file. A symbolic link to a file counts as that file; a link to a folder is not followed.
 *
 * <p>A directory stream and one stat a file rather than {@link Files#walkFileTree}: a command
 * starts in a cold JVM that interprets this code, and the walker's machinery cost about 80
 * microseconds a file there, most of the listing of 200 migrations (docs/benchmarks.md). Paths keep
 * the names' bytes, so names that the platform's default encoding cannot spell (a C locale) still
 * work.
 */
final class FolderFiles {
  private FolderFiles() {}

  /**
   * A file: its path, its path relative to the folder as the platform writes it (the sort key) and
   * with '/' separators (for its origin), and its attributes (a symbolic link's are its target's).
   */
  record Entry(Path path, String sortKey, String relative, BasicFileAttributes attributes) {}

  private static final Comparator<Entry> BY_SORT_KEY = (a, b) -> a.sortKey().compareTo(b.sortKey());

  static List<Entry> list(Path folder) throws IOException {
    List<Entry> out = new ArrayList<>();
    collect(folder, "", FileSystems.getDefault().getSeparator(), out);
    // Not Comparator.comparing: the lambda inside it belongs to the JDK and is spun at run time (a
    // few milliseconds of a cold start); this one is Retort's, kept in the launcher's archive.
    out.sort(BY_SORT_KEY);
    return out;
  }

  private static void collect(Path dir, String prefix, String separator, List<Entry> out)
      throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        entries.add(entry);
      }
    }
    for (Path file : entries) {
      String name = file.getFileName().toString();
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        collect(file, prefix + name + separator, separator, out);
        continue;
      }
      if (a.isSymbolicLink()) {
        try {
          a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // a broken, looping or unreachable link
        }
      }
      if (a.isRegularFile() && !name.startsWith(".")) {
        String key = prefix + name;
        String relative = separator.equals("/") ? key : key.replace(separator, "/");
        out.add(new Entry(file, key, relative, a));
      }
    }
  }
}

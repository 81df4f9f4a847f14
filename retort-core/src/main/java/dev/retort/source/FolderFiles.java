package dev.retort.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The regular files under a folder, subfolders included, hidden ones left out, sorted by their path
 * relative to the folder. One walk yields each file's attributes too, which {@link ParsedFiles}
 * compares, so no file is stat'ed twice; relative names are built from the names the walk sees, not
 * by relativizing paths.
 */
final class FolderFiles {
  private FolderFiles() {}

  /**
   * A file: its path, its path relative to the folder as the platform writes it (the sort key) and
   * with '/' separators (for its origin), and its attributes as the walk saw them (a symbolic
   * link's are its target's, as {@link Files#isRegularFile} sees them).
   */
  record Entry(Path path, String sortKey, String relative, BasicFileAttributes attributes) {}

  static List<Entry> list(Path folder) throws IOException {
    String separator = FileSystems.getDefault().getSeparator();
    List<Entry> out = new ArrayList<>();
    Deque<String> prefixes = new ArrayDeque<>();
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            prefixes.push(
                prefixes.isEmpty() ? "" : prefixes.peek() + dir.getFileName() + separator);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            prefixes.pop();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = file.getFileName().toString();
            BasicFileAttributes a =
                attrs.isSymbolicLink() && Files.exists(file)
                    ? Files.readAttributes(file, BasicFileAttributes.class)
                    : attrs;
            if (a.isRegularFile() && !name.startsWith(".")) {
              String key = prefixes.isEmpty() ? name : prefixes.peek() + name;
              String relative = separator.equals("/") ? key : key.replace(separator, "/");
              out.add(new Entry(file, key, relative, a));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
          }
        });
    out.sort(Comparator.comparing(Entry::sortKey));
    return out;
  }
}

package dev.retort.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc copies its native library out of the jar into the temp folder on every start, under a
 * new random name, then reads both copies back to compare them before loading one: a megabyte
 * written and read twice by every {@code retort} command. The launcher names a cache folder ({@code
 * -Dretort.native.dir}); the library is extracted there once and then loaded in place through
 * sqlite-jdbc's own {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}.
 *
 * <p>The launcher empties the folder whenever it rebuilds the jar, so the cached library always
 * belongs to the sqlite-jdbc inside it. If the cached file cannot be loaded (another machine's
 * checkout on a shared disk), sqlite-jdbc falls back to extracting as usual.
 */
final class SqliteNativeCache {
  static final String DIR_PROPERTY = "retort.native.dir";

  private SqliteNativeCache() {}

  /** Points sqlite-jdbc at the cached library, extracting it first if needed. Never fails. */
  static void use() {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank() || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      String name = LibraryLoaderUtil.getNativeLibName();
      Path lib = Path.of(dir).resolve(name);
      if (!Files.isRegularFile(lib) && !extract(lib, name)) {
        return;
      }
      System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
      System.setProperty("org.sqlite.lib.name", name);
      // Before it loads a library, sqlite-jdbc lists its temp folder for copies left by earlier
      // runs to delete; the shared temp folder can hold thousands of files. Ours holds three.
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        System.setProperty("org.sqlite.tmpdir", lib.getParent().toString());
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // Only a start-up shortcut: without it sqlite-jdbc extracts to the temp folder as always.
    }
  }

  /** Copies the library out of the jar; a temporary name and a move, so no reader sees half. */
  private static boolean extract(Path lib, String name) throws IOException {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false; // no bundled library for this platform: sqlite-jdbc decides what to do
      }
      Files.createDirectories(lib.getParent());
      Path tmp = Files.createTempFile(lib.getParent(), name, ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return true;
  }
}

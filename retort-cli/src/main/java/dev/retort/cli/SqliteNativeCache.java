package dev.retort.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc copies its native library out of the jar into the temp folder on every start, under a
 * new random name, then reads both copies back to compare them before loading one: a megabyte
 * written and read twice by every {@code retort} command. The launcher names a cache folder ({@code
 * -Dretort.native.dir}); the library is extracted there once and then loaded in place through
 * sqlite-jdbc's own {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}.
 *
 * <p>Beside it, {@value #VERSION_JAR}: a jar of one entry, the properties file from which
 * sqlite-jdbc reads its own version at its first connection. The launcher puts it first on the
 * class path, so that the lookup ends there: a command whose classes all come from the launcher's
 * class archive then never opens the CLI's jar of 2,200 entries (about 50 ms of CPU, and 5 ms of a
 * no-op's wall time on two cores; docs/benchmarks.md).
 *
 * <p>The launcher empties the folder whenever it rebuilds the jar, so the cached library and
 * version always belong to the sqlite-jdbc inside it. If the cached file cannot be loaded (another
 * machine's checkout on a shared disk), sqlite-jdbc falls back to extracting as usual.
 */
final class SqliteNativeCache {
  static final String DIR_PROPERTY = "retort.native.dir";

  /** The one-entry jar with sqlite-jdbc's version, in the cache folder. */
  static final String VERSION_JAR = "sqlite-jdbc-version.jar";

  /** Where sqlite-jdbc looks up its version ({@code SQLiteJDBCLoader.getVersion}). */
  static final String VERSION_RESOURCE = "META-INF/maven/org.xerial/sqlite-jdbc/pom.properties";

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
      Path versionJar = lib.resolveSibling(VERSION_JAR);
      if (!Files.isRegularFile(versionJar)) {
        writeVersionJar(versionJar);
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

  /**
   * Copies sqlite-jdbc's version file out of the jar into a jar of its own (this once reads the
   * CLI's jar). A temporary name and a move, as for the library.
   */
  private static void writeVersionJar(Path target) throws IOException {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream("/" + VERSION_RESOURCE)) {
      if (in == null) {
        return; // not a sqlite-jdbc that reads its version from there: nothing to shortcut
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JarOutputStream jar = new JarOutputStream(bytes)) {
        jar.putNextEntry(new ZipEntry(VERSION_RESOURCE));
        in.transferTo(jar);
        jar.closeEntry();
      }
      Path tmp = Files.createTempFile(target.getParent(), VERSION_JAR, ".tmp");
      try {
        // Copied over the temporary file, as the library is: a new file with the usual
        // permissions, not the owner-only ones of a temporary file.
        Files.copy(
            new ByteArrayInputStream(bytes.toByteArray()),
            tmp,
            StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}

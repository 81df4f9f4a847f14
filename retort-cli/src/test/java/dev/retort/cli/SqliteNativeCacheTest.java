package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The launcher's start-up folder ({@code -Dretort.native.dir}) as real CLI processes fill and use
 * it: sqlite-jdbc's native library, and the one-entry jar of its version that the launcher puts
 * first on the class path.
 */
class SqliteNativeCacheTest {
  @TempDir Path tmp;

  @Test
  void firstRunCachesTheLibraryAndTheVersionFileWhichLaterRunsUseAsTheyAre() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();
    Path launch = tmp.resolve("launch");

    CliProject.Result first = retort(p.dir, launch, null, "upgrade");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(launch.resolve(LibraryLoaderUtil.getNativeLibName())).isRegularFile();
    Path versionJar = launch.resolve(SqliteNativeCache.VERSION_JAR);
    try (JarFile jar = new JarFile(versionJar.toFile());
        InputStream expected =
            SQLiteJDBCLoader.class.getResourceAsStream("/" + SqliteNativeCache.VERSION_RESOURCE)) {
      assertThat(jar.stream().map(JarEntry::getName))
          .containsExactly(SqliteNativeCache.VERSION_RESOURCE);
      assertThat(
              jar.getInputStream(jar.getEntry(SqliteNativeCache.VERSION_RESOURCE)).readAllBytes())
          .isEqualTo(expected.readAllBytes());
    }
    assertThat(launch).isDirectoryNotContaining("glob:**.tmp");

    // The launcher's class path: the version jar first. Nothing is written again.
    FileTime written = Files.getLastModifiedTime(versionJar);
    CliProject.Result again = retort(p.dir, launch, versionJar, "upgrade");

    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("up to date");
    assertThat(Files.getLastModifiedTime(versionJar)).isEqualTo(written);
  }

  /**
   * {@code retort ARGS} in a new JVM with the cache folder, {@code first} leading the class path.
   */
  private CliProject.Result retort(Path workDir, Path launch, Path first, String... args)
      throws Exception {
    List<String> command =
        CliProcesses.javaCommand(
            Main.class, first, "-D" + SqliteNativeCache.DIR_PROPERTY + "=" + launch);
    command.addAll(List.of(args));
    return CliProcesses.run(tmp, workDir, command, List.of());
  }
}

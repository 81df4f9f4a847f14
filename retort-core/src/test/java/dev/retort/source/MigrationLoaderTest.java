package dev.retort.source;

import static dev.retort.MigrationFiles.text;
import static dev.retort.MigrationFiles.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.JavaMigration;
import dev.retort.RetortException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLoaderTest {
  @TempDir Path dir;

  private final MigrationLoader loader = new MigrationLoader(getClass().getClassLoader());

  private List<String> ids(List<Migration> migrations) {
    return migrations.stream().map(Migration::id).toList();
  }

  private static void assertSourceError(ThrowingCallable call, ErrorCode code, String... parts) {
    assertThatThrownBy(call)
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(code))
        .hasMessageContainingAll(parts);
  }

  @Test
  void aFolderIsReadSortedByPathIncludingSubfolders() {
    write(dir, "002_b", "b", "a", "SELECT 2;", null);
    write(dir.resolve("sub"), "001_c", "c", "b", "SELECT 3;", null);
    write(dir, "001_a", "a", "", "SELECT 1;", null);

    List<Migration> loaded = loader.load(List.of(dir.toString()), List.of());

    assertThat(ids(loaded)).containsExactly("a", "b", "c");
    assertThat(loaded.get(0).origin()).isEqualTo(dir.getFileName() + "/001_a.sql");
    assertThat(loaded.get(2).origin()).isEqualTo(dir.getFileName() + "/sub/001_c.sql");
    assertThat(loaded.get(1).up().sql()).isEqualToIgnoringWhitespace("SELECT 2;");
  }

  @Test
  void filesThatAreNotSqlAndHiddenFilesAreIgnored() {
    write(dir, "001_a", "a", "", "SELECT 1;", null);
    write(dir, "README.md", "-- retort:revision readme\nnot sql at all");
    write(dir, "001_a.sql~", "an editor's backup, not valid");
    write(dir, ".#002_b.sql", "an editor's lock file, not valid");

    assertThat(ids(loader.load(List.of(dir.toString()), List.of()))).containsExactly("a");
  }

  @Test
  void aBrokenSqlFileIsAnErrorNotSkipped() {
    write(dir, "001_a", "a", "", "SELECT 1;", null);
    write(dir, "002_b.sql", "-- retort:revision b\n-- retort:transction no\n");

    assertSourceError(
        () -> loader.load(List.of(dir.toString()), List.of()),
        ErrorCode.MIGRATION_SOURCE,
        dir.getFileName() + "/002_b.sql:2: unknown directive");
  }

  @Test
  void aFileThatIsNotUtf8IsAnError() throws IOException {
    byte[] latin1 =
        "-- retort:revision a\n-- retort:up\nSELECT 'caf\u00e9';\n".getBytes("ISO-8859-1");
    Files.write(dir.resolve("001_a.sql"), latin1);

    assertSourceError(
        () -> loader.load(List.of(dir.toString()), List.of()),
        ErrorCode.MIGRATION_SOURCE,
        dir.getFileName() + "/001_a.sql: not valid UTF-8");
  }

  @Test
  void utf8TextIsReadAsUtf8() {
    write(dir, "001_a", "a", "", "INSERT INTO t VALUES ('caf\u00e9 \u2603');", null);

    Migration m = loader.load(List.of(dir.toString()), List.of()).get(0);

    assertThat(m.up().sql()).contains("caf\u00e9 \u2603");
  }

  @Test
  void aMissingFolderIsAConfigError() {
    assertSourceError(
        () -> loader.load(List.of(dir.resolve("nope").toString()), List.of()),
        ErrorCode.CONFIG,
        "nope does not exist");
  }

  @Test
  void filesystemPrefixAndSeveralLocationsInTheirOrder() {
    write(dir.resolve("one"), "009_z", "z", "", "SELECT 1;", null);
    write(dir.resolve("two"), "001_a", "a", "z", "SELECT 1;", null);

    List<Migration> loaded =
        loader.load(
            List.of("filesystem:" + dir.resolve("one"), dir.resolve("two").toString()), List.of());

    assertThat(ids(loaded)).containsExactly("z", "a");
  }

  @Test
  void aClasspathFolderOnDiskIsRead() {
    List<Migration> loaded =
        loader.load(List.of("classpath:retort-test/classpath-migrations"), List.of());

    assertThat(ids(loaded)).containsExactly("cp1", "cp2", "cp3");
    assertThat(loaded.get(0).origin())
        .isEqualTo("classpath:retort-test/classpath-migrations/001_first.sql");
    assertThat(loaded.get(0).description()).isEqualTo("first from the classpath");
    assertThat(loaded.get(2).origin())
        .isEqualTo("classpath:retort-test/classpath-migrations/sub/003_third.sql");
    assertThat(loaded.get(1).parents()).containsExactly("cp1");
  }

  @Test
  void classpathSlashesAroundTheFolderDoNotMatter() {
    List<Migration> loaded =
        loader.load(List.of("classpath:/retort-test/classpath-migrations/"), List.of());

    assertThat(ids(loaded)).containsExactly("cp1", "cp2", "cp3");
  }

  @Test
  void aMissingClasspathFolderIsAConfigError() {
    assertSourceError(
        () -> loader.load(List.of("classpath:retort-test/nothing-here"), List.of()),
        ErrorCode.CONFIG,
        "classpath folder 'retort-test/nothing-here' not found");
  }

  @Test
  void aClasspathFolderInsideAJarIsRead() throws Exception {
    Path jar =
        jar(
            Map.of(
                "db/retort/002_b.sql", text("b", "a", "SELECT 2;", "SELECT 20;"),
                "db/retort/001_a.sql", text("a", "", "SELECT 1;", null),
                "db/retort/later/003_c.sql", text("c", "b", "SELECT 3;", null),
                "db/retort/notes.txt", "ignored",
                "db/retort-other/001_x.sql", text("x", "", "SELECT 9;", null),
                "db/other/001_y.sql", text("y", "", "SELECT 9;", null)));

    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      List<Migration> loaded =
          new MigrationLoader(cl).load(List.of("classpath:db/retort"), List.of());

      assertThat(ids(loaded)).containsExactly("a", "b", "c");
      assertThat(loaded.get(1).origin()).isEqualTo("classpath:db/retort/002_b.sql");
      assertThat(loaded.get(1).down().sql()).isEqualToIgnoringWhitespace("SELECT 20;");
    }
  }

  @Test
  void aBrokenFileInAJarIsAnErrorNamingTheResource() throws Exception {
    Path jar =
        jar(
            Map.of(
                "db/retort/001_a.sql",
                text("a", "", "SELECT 1;", null),
                "db/retort/002_b.sql",
                "-- retort:revision b\nSELECT 2;\n"));

    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertSourceError(
          () -> new MigrationLoader(cl).load(List.of("classpath:db/retort"), List.of()),
          ErrorCode.MIGRATION_SOURCE,
          "classpath:db/retort/002_b.sql:2: no '-- retort:up' marker");
    }
  }

  @Test
  void javaMigrationsComeAfterTheSqlOnes() {
    write(dir, "001_a", "a", "", "SELECT 1;", null);

    List<Migration> loaded = loader.load(List.of(dir.toString()), List.of(new Noop("j1", "a")));

    assertThat(ids(loaded)).containsExactly("a", "j1");
    Migration j = loaded.get(1);
    assertThat(j.isJava()).isTrue();
    assertThat(j.parents()).containsExactly("a");
    assertThat(j.origin()).isEqualTo("java:" + Noop.class.getName());
    assertThat(j.checksum()).isEqualTo(Checksums.of(Noop.class.getName()));
    assertThat(j.description()).isEqualTo("Noop");
    assertThat(j.hasDown()).isFalse();
  }

  @Test
  void aJavaMigrationWithABadIdIsRefused() {
    assertSourceError(
        () -> loader.load(List.of(), List.of(new Noop("bad id", "a"))),
        ErrorCode.MIGRATION_SOURCE,
        "java:" + Noop.class.getName() + ": id() returned 'bad id'");
    assertSourceError(
        () -> loader.load(List.of(), List.of(new Noop(null))),
        ErrorCode.MIGRATION_SOURCE,
        "id() returned 'null'");
  }

  /** A jar with directory entries for every folder, as jar tools write them. */
  private Path jar(Map<String, String> files) throws IOException {
    Path jar = dir.resolve("migrations.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(out)) {
      java.util.Set<String> folders = new java.util.TreeSet<>();
      for (String name : files.keySet()) {
        for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
          folders.add(name.substring(0, i + 1));
        }
      }
      for (String folder : folders) {
        jos.putNextEntry(new JarEntry(folder));
        jos.closeEntry();
      }
      for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
        jos.putNextEntry(new JarEntry(file.getKey()));
        jos.write(file.getValue().getBytes(UTF_8));
        jos.closeEntry();
      }
    }
    return jar;
  }

  private static final class Noop implements JavaMigration {
    private final String id;
    private final List<String> parents;

    Noop(String id, String... parents) {
      this.id = id;
      this.parents = List.of(parents);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<String> parents() {
      return parents;
    }

    @Override
    public void up(Connection connection) {}
  }
}

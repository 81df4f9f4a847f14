package dev.retort.source;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing of a migrations folder: what it contains, in which order, under which names. */
class FolderFilesTest {
  @TempDir Path dir;

  private List<String> relative(Path folder) throws IOException {
    return FolderFiles.list(folder).stream().map(FolderFiles.Entry::relative).toList();
  }

  @Test
  void regularFilesOfEveryDepthSortedByRelativePathHiddenOnesLeftOut() throws IOException {
    write(dir, "b.sql", "");
    write(dir, "a.sql", "");
    write(dir.resolve("sub"), "c.sql", "");
    write(dir.resolve("sub").resolve("deeper"), "d.sql", "");
    write(dir, ".hidden.sql", "");
    write(dir, "a0.sql", "");

    assertThat(relative(dir))
        .containsExactly("a.sql", "a0.sql", "b.sql", "sub/c.sql", "sub/deeper/d.sql");
  }

  @Test
  void aSymbolicLinkToAFileCountsAsThatFileALinkToAFolderDoesNot() throws IOException {
    Path target = write(dir.resolveSibling(dir.getFileName() + "-elsewhere"), "t.sql", "x");
    Path folder = Files.createDirectories(dir.resolve("m"));
    Files.createSymbolicLink(folder.resolve("linked.sql"), target);
    Files.createSymbolicLink(folder.resolve("dirlink"), target.getParent());
    Files.createSymbolicLink(folder.resolve("broken.sql"), dir.resolve("missing"));

    List<FolderFiles.Entry> files = FolderFiles.list(folder);

    assertThat(files).extracting(FolderFiles.Entry::relative).containsExactly("linked.sql");
    assertThat(files.get(0).attributes().size()).isEqualTo(1);
  }

  @Test
  void aLoopingLinkIsSkippedLikeABrokenOne() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("loop"));
    write(folder, "a.sql", "x");
    Files.createSymbolicLink(folder.resolve("self.sql"), folder.resolve("self.sql"));

    assertThat(relative(folder)).containsExactly("a.sql");
  }

  @Test
  void namesOutsideAsciiAreListedAndRead() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("utf"));
    // Under a C locale the JVM cannot even spell such a name (the CLI check covers that case).
    assumeTrue(
        java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder()
            .canEncode("é"));
    write(folder, "0002_café.sql", "é");

    List<FolderFiles.Entry> files = FolderFiles.list(folder);

    assertThat(files).extracting(FolderFiles.Entry::relative).containsExactly("0002_café.sql");
    assertThat(Files.readString(files.get(0).path())).isEqualTo("é");
  }
}

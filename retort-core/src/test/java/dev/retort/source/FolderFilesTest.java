package dev.retort.source;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

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
}

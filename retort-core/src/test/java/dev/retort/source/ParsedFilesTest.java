package dev.retort.source;

import static dev.retort.MigrationFiles.text;
import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader parses a folder's file again only when it changed, and never trusts a modification time
 * that is too recent to tell later edits apart.
 */
class ParsedFilesTest {
  @TempDir Path dir;

  private final MigrationLoader loader = new MigrationLoader(getClass().getClassLoader());

  private List<Migration> load() {
    return loader.load(List.of(dir.toString()), List.of());
  }

  private static void age(Path file, long secondsAgo) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  @Test
  void anUnchangedSettledFileIsNotParsedAgain() throws IOException {
    age(write(dir, "001_a", "a", "", "SELECT 1;", null), 60);
    age(write(dir, "002_b", "b", "a", "SELECT 2;", null), 60);

    List<Migration> first = load();
    List<Migration> second = load();

    assertThat(second).hasSize(2);
    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(second.get(1)).isSameAs(first.get(1));
  }

  @Test
  void anEditedFileIsParsedAgainEvenWithTheSameSize() throws IOException {
    Path a = write(dir, "001_a", "a", "", "SELECT 1;", null);
    age(a, 60);
    Migration before = load().get(0);

    Files.writeString(a, text("a", "", "SELECT 7;", null));
    age(a, 30);
    Migration after = load().get(0);

    assertThat(after.up().sql()).contains("SELECT 7;");
    assertThat(after.checksum()).isNotEqualTo(before.checksum());
  }

  @Test
  void aReplacedFileIsParsedAgainEvenWithTheSameSizeAndTime() throws IOException {
    Path a = write(dir, "001_a", "a", "", "SELECT 1;", null);
    FileTime old = FileTime.from(Instant.now().minusSeconds(60));
    Files.setLastModifiedTime(a, old);
    load();

    // Another file (another inode) moved over it, with the very same size and time.
    Path other =
        write(
            dir.resolveSibling(dir.getFileName() + "-new"), "x", text("a", "", "SELECT 8;", null));
    Files.setLastModifiedTime(other, old);
    Files.move(other, a, StandardCopyOption.REPLACE_EXISTING);

    assertThat(load().get(0).up().sql()).contains("SELECT 8;");
  }

  @Test
  void aFileWrittenJustBeforeTheReadIsReadAgainNextTime() {
    write(dir, "001_a", "a", "", "SELECT 1;", null);

    Migration first = load().get(0);
    Migration second = load().get(0);

    assertThat(second).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void addedAndRemovedFilesAreSeen() throws IOException {
    Path a = write(dir, "001_a", "a", "", "SELECT 1;", null);
    age(a, 60);
    assertThat(load()).extracting(Migration::id).containsExactly("a");

    age(write(dir, "002_b", "b", "a", "SELECT 2;", null), 60);
    assertThat(load()).extracting(Migration::id).containsExactly("a", "b");

    Files.delete(a);
    write(dir, "002_b", "b", "", "SELECT 2;", null);
    assertThat(load()).extracting(Migration::id).containsExactly("b");
  }

  @Test
  void theSameFileUnderAnotherOriginIsNotTakenFromTheCache() throws IOException {
    Path sub = dir.resolve("sub");
    age(write(sub, "001_a", "a", "", "SELECT 1;", null), 60);

    Migration viaParent = load().get(0);
    Migration viaSub = loader.load(List.of(sub.toString()), List.of()).get(0);

    assertThat(viaParent.origin()).isEqualTo(dir.getFileName() + "/sub/001_a.sql");
    assertThat(viaSub.origin()).isEqualTo("sub/001_a.sql");
  }
}

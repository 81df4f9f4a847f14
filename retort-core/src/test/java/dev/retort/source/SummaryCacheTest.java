package dev.retort.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source cache on its own: what it records, and every way an entry stops counting. */
class SummaryCacheTest {
  @TempDir Path dir;
  private Path folder;
  private Path cache;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(dir.resolve("migrations"));
    cache = dir.resolve("cache");
  }

  private Path write(String name, String id, String parents) throws IOException {
    String text =
        "-- retort:revision "
            + id
            + "\n"
            + (parents == null ? "" : "-- retort:parents " + parents + "\n")
            + "-- retort:up\nCREATE TABLE "
            + id
            + " (x INTEGER);\n";
    Path file = folder.resolve(name);
    Files.writeString(file, text);
    setAge(file, 3600);
    return file;
  }

  private static void setAge(Path file, long seconds) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(seconds)));
  }

  private List<Migration> full() {
    return new MigrationLoader(getClass().getClassLoader())
        .load(List.of(folder.toString()), List.of(), cache);
  }

  private List<Migration> summaries() {
    return new MigrationLoader(getClass().getClassLoader())
        .loadSummaries(List.of(folder.toString()), List.of(), cache);
  }

  private static List<String> described(List<Migration> ms) {
    return ms.stream()
        .map(m -> m.id() + " " + m.parents() + " " + m.origin() + " " + m.checksum())
        .toList();
  }

  @Test
  void summariesMatchWhatTheFilesParseTo() throws IOException {
    write("001_a.sql", "a", null);
    write("002_b.sql", "b", "a");
    Files.createDirectories(folder.resolve("sub"));
    write("sub/003_c.sql", "c", "a b");

    assertThat(summaries()).isNull(); // nothing recorded yet
    List<Migration> parsed = full();
    List<Migration> cached = summaries();

    assertThat(cached).isNotNull();
    assertThat(described(cached)).isEqualTo(described(parsed));
    assertThat(cached).allSatisfy(m -> assertThat(m.up()).isNull()); // never SQL to run
  }

  @Test
  void anEntryStopsCountingWhenItsFileChanges() throws IOException {
    Path a = write("001_a.sql", "a", null);
    write("002_b.sql", "b", "a");
    full();
    assertThat(summaries()).hasSize(2);

    // Another modification time.
    setAge(a, 7200);
    assertThat(summaries()).isNull();
    full();
    assertThat(summaries()).hasSize(2);

    // Another size, same modification time.
    FileTime time = Files.getLastModifiedTime(a);
    Files.writeString(a, Files.readString(a) + "\n");
    Files.setLastModifiedTime(a, time);
    assertThat(summaries()).isNull();
    full();

    // Another file of the same size and time in its place (a new inode).
    assertThat(summaries()).as("recorded again before the next check").hasSize(2);
    Path copy = dir.resolve("copy.sql");
    Files.copy(a, copy);
    Files.setLastModifiedTime(copy, Files.getLastModifiedTime(a));
    Files.move(copy, a, StandardCopyOption.REPLACE_EXISTING);
    assertThat(summaries()).isNull();
  }

  @Test
  void aNewRemovedOrOtherFileIsNotCovered() throws IOException {
    write("001_a.sql", "a", null);
    Path b = write("002_b.sql", "b", "a");
    full();
    assertThat(summaries()).hasSize(2);

    write("003_c.sql", "c", "b");
    assertThat(summaries()).isNull();

    Files.delete(folder.resolve("003_c.sql"));
    Files.delete(b);
    assertThat(described(summaries())).hasSize(1).first().asString().startsWith("a ");

    // A file that is no migration: the full load warns about it each time, so no shortcut.
    Files.writeString(folder.resolve("notes.txt"), "x");
    assertThat(summaries()).isNull();
  }

  @Test
  void aFileModifiedJustBeforeTheLoadIsNotRecorded() throws IOException {
    write("001_a.sql", "a", null);
    Path b = write("002_b.sql", "b", "a");
    setAge(b, 1); // within the clock-tick margin: a later edit might keep its time
    full();

    assertThat(summaries()).isNull();
    assertThat(Files.readString(cacheFile())).contains("001_a.sql").doesNotContain("002_b.sql");
  }

  @Test
  void aDamagedOrForeignCacheFileIsIgnoredAndRewritten() throws IOException {
    write("001_a.sql", "a", null);
    full();
    Path file = cacheFile();
    String good = Files.readString(file);

    String[] lines = good.split("\n", -1);
    lines[1] = lines[1] + "0";
    for (String bad :
        List.of(
            good.substring(0, good.length() - 5), // cut short
            good.replaceFirst("summary 2", "summary 0"), // another format
            String.join("\n", lines), // another build of Retort
            good.replace(folder.toString(), "/elsewhere"), // another folder
            good.replace("\t", " "))) { // not our format
      assertThat(bad).isNotEqualTo(good);
      Files.writeString(file, bad);
      assertThat(summaries()).as(bad).isNull();
    }

    full();
    assertThat(Files.readString(file)).isEqualTo(good);
    assertThat(summaries()).hasSize(1);
  }

  @Test
  void aCacheFileOthersMayWriteOrThatIsNotTheUsersOwnIsNotTrusted() throws Exception {
    write("001_a.sql", "a", null);
    full();
    Path file = cacheFile();
    assumeTrue(
        file.getFileSystem().supportedFileAttributeViews().contains("unix"), "Unix attributes");
    assertThat(summaries()).hasSize(1);
    assertThat(Files.getPosixFilePermissions(file))
        .as("written for its owner only")
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(summaries()).as("group may write it").isNull();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(summaries()).hasSize(1);

    // Owned by someone else: only root can make such a file here (CI runs as root).
    Object uid = Files.getAttribute(file, "unix:uid");
    if (uid.equals(0)) {
      Files.setAttribute(file, "unix:uid", 65534);
      assertThat(summaries()).as("another user's file").isNull();
    }
  }

  @Test
  void aCacheFolderThatCannotBeWrittenCostsNothingButTheSpeedUp() throws IOException {
    write("001_a.sql", "a", null);
    Files.writeString(cache, "a file where the folder should be");

    assertThat(full()).hasSize(1);
    assertThat(summaries()).isNull();
  }

  @Test
  void aNewFolderBeyondTheLimitPrunesTheOldestSummariesAndStaleTemporaryFiles() throws Exception {
    write("001_a.sql", "a", null);
    Files.createDirectories(cache);
    // Other folders' summaries, one a minute older each, as deploys to new folders leave them.
    int others = SummaryCache.KEEP + 5;
    for (int i = 0; i < others; i++) {
      Path f = Files.writeString(cache.resolve(other(i)), "x");
      setAge(f, 60L * (i + 1));
    }
    Path staleTmp = Files.writeString(cache.resolve(other(1000) + "123.tmp"), "half");
    setAge(staleTmp, 7200);
    Path freshTmp = Files.writeString(cache.resolve(other(1001) + "456.tmp"), "being written");
    // Files of other names are not Retort's to delete, however old: the folder is the user's.
    Path notOurs = Files.writeString(cache.resolve("notes.summary"), "mine");
    Path notOursTmp = Files.writeString(cache.resolve("build.tmp"), "mine");
    setAge(notOurs, 99_999);
    setAge(notOursTmp, 99_999);

    full();

    assertThat(summaries()).hasSize(1); // this folder's new summary was written and counts
    try (Stream<Path> files = Files.list(cache)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names.stream().filter(SummaryCache::isSummaryName)).hasSize(SummaryCache.KEEP);
      // The newest others stay, the oldest go: other(0) is a minute old, other(n) n+1 minutes.
      assertThat(names).contains(other(0), other(SummaryCache.KEEP - 2));
      assertThat(names).doesNotContain(other(SummaryCache.KEEP - 1));
      assertThat(names).doesNotContain(staleTmp.getFileName().toString());
      assertThat(names).contains(freshTmp.getFileName().toString());
      assertThat(names).contains("notes.summary", "build.tmp");
    }

    // Rewriting a summary that exists prunes nothing: only a new folder adds to the count.
    Files.writeString(cache.resolve(other(2000)), "x");
    write("002_b.sql", "b", "a");
    full();
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(SummaryCache::isSummaryName))
          .hasSize(SummaryCache.KEEP + 1);
    }
  }

  /** A name as the cache gives its files: 16 hex digits. */
  private static String other(int i) {
    return String.format("%016x.summary", 0xabc000000L + i);
  }

  @Test
  void onlyTheCachesOwnNamesCount() {
    assertThat(SummaryCache.isSummaryName("0123456789abcdef.summary")).isTrue();
    assertThat(SummaryCache.isSummaryName("0123456789ABCDEF.summary")).isFalse();
    assertThat(SummaryCache.isSummaryName("notes.summary")).isFalse();
    assertThat(SummaryCache.isTemporaryName("0123456789abcdef.summary8812345.tmp")).isTrue();
    assertThat(SummaryCache.isTemporaryName("0123456789abcdef.summary.tmp")).isFalse();
    assertThat(SummaryCache.isTemporaryName("0123456789abcdef.summaryx1.tmp")).isFalse();
    assertThat(SummaryCache.isTemporaryName("build.tmp")).isFalse();
  }

  @Test
  void classpathLocationsAreNeverSummarised() throws IOException {
    write("001_a.sql", "a", null);
    full();
    List<Migration> out =
        new MigrationLoader(getClass().getClassLoader())
            .loadSummaries(List.of(folder.toString(), "classpath:db/none"), List.of(), cache);
    assertThat(out).isNull();
  }

  @Test
  void namesWithTabsAndBackslashesSurviveTheRoundTrip() {
    for (String s : List.of("plain", "a\tb", "back\\slash", "new\nline\r", "\\t literal")) {
      assertThat(SummaryCache.unescape(SummaryCache.escape(s))).isEqualTo(s);
      assertThat(SummaryCache.escape(s)).doesNotContain("\t").doesNotContain("\n");
    }
  }

  private Path cacheFile() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.findFirst().orElseThrow();
    }
  }
}

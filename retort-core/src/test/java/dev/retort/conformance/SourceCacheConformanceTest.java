package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.MigrateResult;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source cache ({@code RetortBuilder.sourceCache}) may only ever decide that an upgrade has
 * nothing to do: a new, edited or removed migration, a database that is behind, or a cache that
 * disagrees with the database all go the way they go without it.
 */
class SourceCacheConformanceTest {
  @TempDir Path dir;

  private Retort cached(Env env) {
    return env.builder().sourceCache(dir.resolve("cache")).build();
  }

  /** Files modified an hour ago: old enough for the cache to record them. */
  private static void settle(Path folder) throws IOException {
    FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.setLastModifiedTime(f, past);
      }
    }
  }

  private static List<String> applied(MigrateResult result) {
    return result.steps().stream().map(a -> a.step().revision()).toList();
  }

  private Path applyTwo(Env env) throws IOException {
    env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", "DROP TABLE one;");
    Path b2 =
        env.write("b2", "a1", "CREATE TABLE two (id INTEGER PRIMARY KEY);", "DROP TABLE two;");
    settle(env.folder());
    assertThat(applied(cached(env).upgrade())).containsExactly("a1", "b2");
    return b2;
  }

  private Path cacheFile() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      return files.filter(f -> f.toString().endsWith(".summary")).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aNoOpIsDecidedFromTheCacheAndAnEditedFileIsStillCaught(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      Path b2 = applyTwo(env);
      assertThat(Files.readString(cacheFile())).contains("\tb2\ta1\t");

      // Same size, same modification time, same inode: the cache answers without reading the
      // file, as git trusts its index. Without the cache, the broken file is an error.
      FileTime before = Files.getLastModifiedTime(b2);
      String text = Files.readString(b2);
      Files.writeString(b2, "x".repeat(text.length()), StandardCharsets.UTF_8);
      Files.setLastModifiedTime(b2, before);
      assertThat(cached(env).upgrade().steps()).isEmpty();
      assertThatThrownBy(() -> env.retort().upgrade()).isInstanceOf(RetortException.class);

      // Any edit that moves the modification time is read and checked as always.
      Files.writeString(b2, text.replace("two", "TWO"), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> cached(env).upgrade())
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("(revision b2) was changed after it was applied");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aNewMigrationBesideCachedOnesIsApplied(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      assertThat(cached(env).upgrade().steps()).isEmpty();

      env.write("c3", "b2", "CREATE TABLE three (id INTEGER PRIMARY KEY);", "DROP TABLE three;");
      assertThat(applied(cached(env).upgrade())).containsExactly("c3");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aDatabaseBehindTheCachedFilesGetsEveryMigration(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      cached(env).downgrade("base");

      assertThat(applied(cached(env).upgrade())).containsExactly("a1", "b2");
      assertThat(env.count("SELECT count(*) FROM two")).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aCacheThatDisagreesWithTheHistoryIsNotTrusted(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      applyTwo(env);
      Path cache = cacheFile();
      String text = Files.readString(cache);
      // A checksum the history does not have: the files are read, they agree with the history,
      // and the cache is written again as the files say.
      tamper(cache, text, text.replaceFirst("\ta1\t\t[0-9a-f]{64}", "\ta1\t\t" + "0".repeat(64)));
      assertThat(cached(env).upgrade().steps()).isEmpty();
      assertThat(Files.readString(cache)).isEqualTo(text);

      // A revision the history does not have: the same.
      tamper(cache, text, text.replace("\tb2\ta1\t", "\tzz\ta1\t"));
      assertThat(cached(env).upgrade().steps()).isEmpty();
      assertThat(Files.readString(cache)).isEqualTo(text);

      // A graph no files would make (a revision its own parent): the same.
      tamper(cache, text, text.replace("\tb2\ta1\t", "\tb2\tb2\t"));
      assertThat(cached(env).upgrade().steps()).isEmpty();
      assertThat(Files.readString(cache)).isEqualTo(text);

      // A damaged file: ignored, and rewritten by the next load of the files.
      tamper(cache, text, text.substring(0, text.length() / 2));
      assertThat(cached(env).upgrade().steps()).isEmpty();
      assertThat(Files.readString(cache)).isEqualTo(text);
    }
  }

  private static void tamper(Path cache, String before, String after) throws IOException {
    assertThat(after).as("the tampering changes the file").isNotEqualTo(before);
    Files.writeString(cache, after);
  }
}

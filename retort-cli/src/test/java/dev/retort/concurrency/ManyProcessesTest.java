package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 1: sixteen real processes run {@code retort upgrade} at the same moment on a
 * database with fifty pending migrations. Every process succeeds, exactly one applies the
 * migrations, the others find the database up to date, and every migration ran exactly once: each
 * also inserts into a shared {@code counter} table with no unique key, so a second application
 * would show there.
 */
class ManyProcessesTest {
  private static final int PROCESSES = 16;
  private static final int MIGRATIONS = 50;
  private static final Pattern APPLIED = Pattern.compile("(?m)^applied (\\d+) revision\\(s\\)");

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.sqlite(dir)) {
      sixteenAtOnce(db, dir);
    }
  }

  @Test
  void postgres(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      sixteenAtOnce(db, dir);
    }
  }

  @Test
  void mariadb(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.mariadb()) {
      sixteenAtOnce(db, dir);
    }
  }

  private static void sixteenAtOnce(TestDatabase db, Path dir) throws Exception {
    Queries.execute(db, "CREATE TABLE counter (migration INTEGER NOT NULL)");
    List<MigrationFiles.Up> ups = new ArrayList<>();
    for (int k = 1; k <= MIGRATIONS; k++) {
      String table = String.format("t%03d", k);
      ups.add(
          MigrationFiles.Up.of(
              "CREATE TABLE "
                  + table
                  + " (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(40) NOT NULL);\n"
                  + ("INSERT INTO " + table + " (id, note) VALUES (1, 'migration " + k + "');\n")
                  + ("INSERT INTO counter (migration) VALUES (" + k + ");")));
    }
    List<String> ids = MigrationFiles.chain(dir.resolve("migrations"), ups);
    Cli cli = new Cli(db, dir.resolve("migrations"), dir);

    List<Child.Result> results = new ArrayList<>();
    long start = System.nanoTime();
    List<Child> children = new ArrayList<>();
    try {
      Path go = dir.resolve("go");
      List<Path> ready = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        ready.add(dir.resolve("ready-" + i));
        children.add(cli.startAtBarrier(ready.get(i), go, "upgrade"));
      }
      for (int i = 0; i < PROCESSES; i++) {
        Cli.awaitFile(children.get(i), ready.get(i));
      }
      long released = System.nanoTime();
      Files.createFile(go);
      for (Child child : children) {
        results.add(child.await(Cli.MAX));
      }
      System.out.printf(
          "%s: %d processes ready after %d ms, all done %d ms after the go%n",
          db.kind(),
          PROCESSES,
          (released - start) / 1_000_000,
          (System.nanoTime() - released) / 1_000_000);
    } finally {
      for (Child child : children) {
        child.close();
      }
    }

    for (Child.Result r : results) {
      assertThat(r.exit()).as(r.describe()).isZero();
      assertThat(r.err()).as("a successful upgrade prints nothing on stderr").isEmpty();
    }
    List<Integer> appliedCounts = new ArrayList<>();
    int upToDate = 0;
    for (Child.Result r : results) {
      Matcher m = APPLIED.matcher(r.out());
      if (m.find()) {
        appliedCounts.add(Integer.parseInt(m.group(1)));
      } else {
        assertThat(r.out()).as(r.describe()).contains("up to date at " + ids.get(MIGRATIONS - 1));
        upToDate++;
      }
    }
    System.out.printf(
        "%s: %d process(es) applied migrations %s, %d found the database up to date%n",
        db.kind(), appliedCounts.size(), appliedCounts, upToDate);
    results.stream()
        .filter(r -> APPLIED.matcher(r.out()).find())
        .forEach(
            r ->
                System.out.printf(
                    "%s: the migrating process said: %s%n",
                    db.kind(), r.out().lines().reduce((a, b) -> b).orElse("")));
    assertThat(appliedCounts).as("exactly one process migrates").containsExactly(MIGRATIONS);
    assertThat(upToDate).isEqualTo(PROCESSES - 1);

    List<Queries.HistoryRow> history = Queries.history(db);
    assertThat(history).extracting(Queries.HistoryRow::revision).containsExactlyElementsOf(ids);
    assertThat(history).extracting(Queries.HistoryRow::state).containsOnly("applied");
    assertThat(Queries.numbers(db, "SELECT migration FROM counter ORDER BY migration"))
        .as("each migration's counter row, once")
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, MIGRATIONS).mapToObj(k -> (long) k).toList());
    for (int k = 1; k <= MIGRATIONS; k++) {
      assertThat(Queries.number(db, String.format("SELECT count(*) FROM t%03d", k))).isEqualTo(1);
    }
  }
}

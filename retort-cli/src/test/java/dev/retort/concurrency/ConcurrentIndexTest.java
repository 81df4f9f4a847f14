package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 5 (flyway #3961): {@code CREATE INDEX CONCURRENTLY} waits for every
 * transaction that was open when it started. Were the migration lock held inside a transaction, the
 * index would wait for the lock's transaction and the lock for the index: a deadlock. Retort holds
 * a session lock on a connection of its own, so two processes upgrading at once through such a
 * migration finish: one builds the index while holding the lock, the other waits for the lock and
 * then finds the database up to date.
 */
class ConcurrentIndexTest {
  /** A deadlock would hang forever; this fails it long before the build would notice. */
  private static final Duration NO_DEADLOCK = Duration.ofSeconds(60);

  @Test
  void createIndexConcurrentlyUnderTheMigrationLock(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      List<String> ids =
          MigrationFiles.chain(
              dir.resolve("migrations"),
              List.of(
                  MigrationFiles.Up.of(
                      "CREATE TABLE item (id INTEGER NOT NULL PRIMARY KEY, v TEXT NOT NULL);\n"
                          + "INSERT INTO item (id, v) SELECT i, md5(i::text)"
                          + " FROM generate_series(1, 100000) AS i;"),
                  new MigrationFiles.Up("CREATE INDEX CONCURRENTLY item_v_idx ON item (v);", false),
                  MigrationFiles.Up.of("CREATE TABLE after_index (id INTEGER PRIMARY KEY);")));
      Cli cli = new Cli(db, dir.resolve("migrations"), dir);

      Path go = dir.resolve("go");
      List<Child.Result> results = new ArrayList<>();
      try (Child a = cli.startAtBarrier(dir.resolve("ready-a"), go, "upgrade");
          Child b = cli.startAtBarrier(dir.resolve("ready-b"), go, "upgrade")) {
        Cli.awaitFile(a, dir.resolve("ready-a"));
        Cli.awaitFile(b, dir.resolve("ready-b"));
        Files.createFile(go);
        results.add(a.await(NO_DEADLOCK));
        results.add(b.await(NO_DEADLOCK));
      }
      for (Child.Result r : results) {
        assertThat(r.exit()).as(r.describe()).isZero();
      }
      assertThat(results)
          .extracting(Child.Result::out)
          .filteredOn(out -> out.contains("applied 3 revision(s)"))
          .hasSize(1);
      assertThat(results)
          .extracting(Child.Result::out)
          .filteredOn(out -> out.contains("up to date at " + ids.get(2)))
          .hasSize(1);

      assertThat(
              Queries.number(
                  db,
                  "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                      + " WHERE c.relname = 'item_v_idx' AND i.indisvalid AND i.indisready"))
          .as("a valid index")
          .isEqualTo(1);
      assertThat(Queries.history(db))
          .extracting(Queries.HistoryRow::revision, Queries.HistoryRow::state)
          .containsExactly(
              tuple(ids.get(0), "applied"),
              tuple(ids.get(1), "applied"),
              tuple(ids.get(2), "applied"));
    }
  }
}

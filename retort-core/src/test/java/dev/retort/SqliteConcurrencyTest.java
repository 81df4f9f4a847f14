package dev.retort;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several application instances starting at once against one SQLite file. */
class SqliteConcurrencyTest {
  @TempDir Path dir;

  @Test
  void concurrentUpgradesApplyEveryMigrationOnce() throws Exception {
    Path folder = dir.resolve("migrations");
    for (int i = 1; i <= 8; i++) {
      // Each migration writes enough to keep the file busy for a moment.
      write(
          folder,
          "00" + i,
          "m" + i,
          i == 1 ? "" : "m" + (i - 1),
          "CREATE TABLE t"
              + i
              + " (id INTEGER, v TEXT);\n"
              + "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)"
              + " INSERT INTO t"
              + i
              + " SELECT x, hex(randomblob(32)) FROM n;",
          "DROP TABLE t" + i + ";");
    }
    SqliteDb db = new SqliteDb(dir.resolve("app.db"));
    int instances = 6;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<MigrateResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        Retort retort = db.retort(folder);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return retort.upgrade();
                }));
      }
      start.countDown();
      int applied = 0;
      for (Future<MigrateResult> result : results) {
        MigrateResult r = result.get(120, TimeUnit.SECONDS);
        assertThat(r.current()).containsExactly("m8");
        applied += r.steps().size();
      }
      assertThat(applied).isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.historyRevisions())
        .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
    assertThat(db.strings("SELECT count(*) FROM t8")).containsExactly("20000");
  }
}

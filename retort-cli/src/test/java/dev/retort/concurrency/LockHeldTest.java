package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 4: while a live process holds the migration lock, {@code upgrade
 * --lock-timeout 2s} in another process gives up after about two seconds with exit code 1 and names
 * the holder: its pid on SQLite, the lock session's backend pid on PostgreSQL, its connection id on
 * MariaDB. The holder takes the lock the way the engine does ({@link LockHolderMain}).
 */
class LockHeldTest {

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.sqlite(dir)) {
      waitEndsNamingTheHolder(db, dir);
    }
  }

  @Test
  void postgres(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      waitEndsNamingTheHolder(db, dir);
    }
  }

  @Test
  void mariadb(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabases.mariadb()) {
      waitEndsNamingTheHolder(db, dir);
    }
  }

  private static void waitEndsNamingTheHolder(TestDatabase db, Path dir) throws Exception {
    MigrationFiles.chain(
        dir.resolve("migrations"),
        List.of(MigrationFiles.Up.of("CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY);")));
    Cli cli = new Cli(db, dir.resolve("migrations"), dir);
    try (Child holder = cli.startLockHolder()) {
      String holderName = lockedLine(holder).substring("LOCKED ".length());

      Child.Result r = cli.runWarm("upgrade", "--lock-timeout", "2s");
      System.out.printf(
          "%s: upgrade gave up after %d ms: %s", db.kind(), r.wall().toMillis(), r.err());
      assertThat(r.exit()).as(r.describe()).isEqualTo(1);
      assertThat(r.err())
          .as(r.describe())
          .contains("migration lock")
          .contains(holderName)
          .contains("waited 2s")
          .contains("--lock-timeout");
      if (db.kind().equals("postgresql")) {
        assertThat(r.err()).contains("application_name 'retort'");
      }
      assertThat(r.wall()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
      assertThat(Queries.tableExists(db, "t")).as("nothing migrated").isFalse();
    }
  }

  private static String lockedLine(Child holder) throws InterruptedException {
    long deadline = System.nanoTime() + Cli.MAX.toNanos();
    while (!holder.stdout().startsWith("LOCKED ") || !holder.stdout().endsWith("\n")) {
      assertThat(holder.isAlive()).as("lock holder: %s", holder.stderr()).isTrue();
      assertThat(System.nanoTime()).as("lock holder ready in time").isLessThan(deadline);
      Thread.sleep(10);
    }
    return holder.stdout().strip();
  }
}

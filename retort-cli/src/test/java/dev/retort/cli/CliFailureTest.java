package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.lock.FileMigrationLock;
import dev.retort.lock.MigrationLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that fail: a bad statement, a read-only or busy database, a held migration lock. */
class CliFailureTest {
  @TempDir Path tmp;

  @Test
  void failingStatementIsOneLineNamingFileLineStatementAndDatabaseMessage() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_create_t1", "a1a1a1a1a1a1", null, "CREATE TABLE t1 (id INT);", null);
    p.migration(
        "002_broken",
        "b2b2b2b2b2b2",
        "a1a1a1a1a1a1",
        "CREATE TABLE t2 (id INT);\nINSERT INTO nosuch VALUES (1);\nCREATE TABLE t2b (id INT);",
        null);
    p.migration("003_create_t3", "c3c3c3c3c3c3", "b2b2b2b2b2b2", "CREATE TABLE t3 (id INT);", null);

    CliProject.Result r = p.run("upgrade");

    String error = oneLineError(r, 1);
    // Header lines 1-4, the failing INSERT on line 6.
    assertThat(error)
        .contains("b2b2b2b2b2b2")
        .contains("migrations/002_broken.sql:6, statement 2 of 3")
        .contains("no such table: nosuch")
        .contains("rolled back");
    assertThat(r.outLines()).hasSize(1).first().asString().startsWith("applied  a1a1a1a1a1a1");
    // The earlier migration stays; the failed one left nothing, not even its first table.
    assertThat(p.tables()).containsExactly("retort_history", "t1");
    assertThat(p.appliedRevisions()).containsExactly("a1a1a1a1a1a1");
    assertThat(p.run("status", "--check").exit()).isEqualTo(3);
  }

  @Test
  void readOnlyDatabaseFailsWithOneLineAndNoChange() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "+1"));
    byte[] before = p.dbBytes();
    p.writeConfig("url = \"jdbc:sqlite:file:app.db?mode=ro\"\nmigrations = [\"migrations\"]\n");

    // Reading works on a read-only database; only the write is refused.
    assertThat(ok(p.run("current")).outLines()).containsExactly("a1a1a1a1a1a1");
    CliProject.Result r = p.run("upgrade");

    assertThat(r.exit()).as(r.toString()).isNotZero();
    String error = oneLineError(r, 1);
    assertThat(error)
        .contains("migrations/002_create_t2.sql:5, statement 1 of 1")
        .contains("readonly database")
        .contains("cannot write")
        .contains("point url at a writable database");
    assertThat(p.dbBytes()).isEqualTo(before);
  }

  @Test
  void databaseLockedByAnotherWriterFailsClearlyAndChangesNothing() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "+1"));
    byte[] before = p.dbBytes();

    String error;
    long millis;
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + p.db);
        Statement st = other.createStatement()) {
      st.execute("BEGIN EXCLUSIVE");
      st.execute("INSERT INTO t1 (name) VALUES ('uncommitted')");
      long start = System.nanoTime();
      CliProject.Result r = p.run("upgrade", "--ddl-lock-timeout", "1s");
      millis = (System.nanoTime() - start) / 1_000_000;
      error = oneLineError(r, 1);
      st.execute("ROLLBACK");
    }

    assertThat(error)
        .contains("database is locked")
        .contains("another connection or process holds a lock")
        .contains("--ddl-lock-timeout");
    assertThat(millis).isLessThan(5_000);
    assertThat(p.dbBytes()).isEqualTo(before);
    assertThat(p.appliedRevisions()).containsExactly("a1a1a1a1a1a1");
    assertThat(p.query("SELECT name FROM t1")).containsExactly("one;two");
  }

  @Test
  void heldMigrationLockEndsTheWaitNamingTheHolder() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Path lockFile = Path.of(p.db + ".retort.lock");
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try (MigrationLock.Held held =
                  new FileMigrationLock(lockFile).acquire(Duration.ofSeconds(5))) {
                locked.countDown();
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      CliProject.Result r = p.run("upgrade", "--lock-timeout", "1s");
      long millis = (System.nanoTime() - start) / 1_000_000;

      String error = oneLineError(r, 1);
      assertThat(error)
          .contains("migration lock")
          .contains(lockFile.getFileName().toString())
          .contains("held by thread '")
          .contains(String.valueOf(ProcessHandle.current().pid()))
          .contains("waited 1s")
          .contains("--lock-timeout");
      assertThat(millis).isBetween(900L, 5_000L);
      assertThat(p.appliedRevisions()).isEmpty();
    } finally {
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
    }
    // Once the holder is gone the same command goes through.
    ok(p.run("upgrade", "--lock-timeout", "1s"));
    assertThat(p.appliedRevisions()).hasSize(3);
  }
}

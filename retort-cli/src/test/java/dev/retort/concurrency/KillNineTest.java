package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 2: an upgrade killed with SIGKILL at a random moment never corrupts. After
 * each kill a new process runs {@code upgrade --lock-timeout 5s}: it must succeed (so no stale lock
 * was left), and then every migration is applied exactly once and recorded, each migration's table
 * holds exactly its rows (none half-filled, none half-updated), and the application's own data is
 * unchanged.
 *
 * <p>Repetitions per database: system property {@code retort.killRepetitions} (default 5); the
 * random seed is printed and can be given back with {@code retort.killSeed}.
 */
class KillNineTest {
  private static final int MIGRATIONS = 8;
  private static final int ROWS = 20_000;
  private static final int CUSTOMERS = 2_000;
  private static final Pattern APPLIED = Pattern.compile("(?m)^applied (\\d+) revision\\(s\\)");

  private static final int REPETITIONS = Integer.getInteger("retort.killRepetitions", 5);

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    repeat("sqlite", dir);
  }

  @Test
  void postgres(@TempDir Path dir) throws Exception {
    repeat("postgresql", dir);
  }

  private static void repeat(String kind, Path dir) throws Exception {
    long seed = Long.getLong("retort.killSeed", new Random().nextLong());
    System.out.printf(
        "%s: %d repetitions, seed %d (-Dretort.killSeed=%d repeats the delays)%n",
        kind, REPETITIONS, seed, seed);
    Random random = new Random(seed);
    Path migrations = dir.resolve("migrations");
    List<String> ids = MigrationFiles.chain(migrations, migrations(kind));
    for (int rep = 1; rep <= REPETITIONS; rep++) {
      Path repDir = Files.createDirectories(dir.resolve("rep" + rep));
      try (TestDatabase db = TestDatabases.create(kind, repDir)) {
        killThenUpgrade(db, new Cli(db, migrations, repDir), ids, random, rep);
      }
    }
  }

  /** Each migration: a new table, 20k rows into it, then an update of every second row. */
  private static List<MigrationFiles.Up> migrations(String kind) {
    List<MigrationFiles.Up> ups = new ArrayList<>();
    for (int k = 1; k <= MIGRATIONS; k++) {
      String t = "bulk_" + k;
      String fill =
          kind.equals("sqlite")
              ? "INSERT INTO "
                  + t
                  + " (id, payload) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                  + (" SELECT i + 1 FROM n WHERE i < " + ROWS + ")")
                  + " SELECT i, 'row ' || i FROM n;"
              : "INSERT INTO "
                  + t
                  + " (id, payload) SELECT i, 'row ' || i FROM generate_series(1, "
                  + ROWS
                  + ") AS i;";
      ups.add(
          MigrationFiles.Up.of(
              ("CREATE TABLE " + t + " (id INTEGER NOT NULL PRIMARY KEY,")
                  + " payload VARCHAR(40) NOT NULL);\n"
                  + fill
                  + ("\nUPDATE " + t + " SET payload = payload || '.' WHERE id % 2 = 0;")));
    }
    return ups;
  }

  private static void killThenUpgrade(
      TestDatabase db, Cli cli, List<String> ids, Random random, int rep) throws Exception {
    Queries.createCustomers(db, CUSTOMERS);
    String customers = Queries.customersChecksum(db);

    // A kill lands a random moment after the k-th migration committed (k random): inside
    // migration k+1, in its commit, or between two; for k = 0 anywhere from JVM start-up, through
    // connecting, locking and creating the history table, into the first migrations.
    int afterApplied = random.nextInt(MIGRATIONS);
    int sleepMillis = afterApplied == 0 ? random.nextInt(1_500) : random.nextInt(100);
    String when;
    try (Child child = cli.start("upgrade")) {
      long start = System.nanoTime();
      while (afterApplied > 0 && child.isAlive() && appliedLines(child.stdout()) < afterApplied) {
        Thread.sleep(2);
      }
      Thread.sleep(sleepMillis);
      boolean finished = !child.isAlive();
      child.kill();
      when =
          (finished ? "finished before the kill, " : "killed ")
              + (afterApplied == 0 ? "" : "after " + afterApplied + " commit(s) + ")
              + sleepMillis
              + " ms ("
              + (System.nanoTime() - start) / 1_000_000
              + " ms after start)";
    }
    boolean journal = hotJournal(db);

    Child.Result again = cli.run("upgrade", "--lock-timeout", "5s");
    assertThat(again.exit()).as("%s: %s; re-run %s", db.kind(), when, again.describe()).isZero();
    Matcher m = APPLIED.matcher(again.out());
    int rerun = m.find() ? Integer.parseInt(m.group(1)) : 0;
    System.out.printf(
        "%s rep %d: %s; %d of %d applied before the kill%s; the re-run applied %d in %d ms%n",
        db.kind(),
        rep,
        when,
        MIGRATIONS - rerun,
        MIGRATIONS,
        journal ? ", hot journal left" : "",
        rerun,
        again.wall().toMillis());

    List<Queries.HistoryRow> history = Queries.history(db);
    assertThat(history).extracting(Queries.HistoryRow::revision).containsExactlyElementsOf(ids);
    assertThat(history).extracting(Queries.HistoryRow::state).containsOnly("applied");
    for (int k = 1; k <= MIGRATIONS; k++) {
      String t = "bulk_" + k;
      assertThat(Queries.number(db, "SELECT count(*) FROM " + t)).as(t).isEqualTo(ROWS);
      assertThat(Queries.number(db, "SELECT sum(id) FROM " + t))
          .as(t)
          .isEqualTo((long) ROWS * (ROWS + 1) / 2);
      assertThat(Queries.number(db, "SELECT count(*) FROM " + t + " WHERE payload LIKE '%.'"))
          .as(t + " updated rows")
          .isEqualTo(ROWS / 2);
    }
    assertThat(Queries.customersChecksum(db)).as("application data").isEqualTo(customers);
    if (db.kind().equals("sqlite")) {
      try (var c = db.connect();
          var st = c.createStatement();
          var rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
    }
  }

  private static int appliedLines(String stdout) {
    int n = 0;
    for (String line : stdout.split("\n")) {
      if (line.startsWith("applied  ")) {
        n++;
      }
    }
    return n;
  }

  /** Whether a killed SQLite writer left a rollback journal for the next opener to roll back. */
  private static boolean hotJournal(TestDatabase db) throws Exception {
    if (!db.kind().equals("sqlite")) {
      return false;
    }
    Path file = Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
    Path journal = file.resolveSibling(file.getFileName() + "-journal");
    return Files.exists(journal) && Files.size(journal) > 0;
  }
}

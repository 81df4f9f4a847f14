package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 3: on MariaDB every DDL statement commits by itself, so a migration killed
 * half-way stays half-applied. Retort must say exactly how far it got, refuse to go on, and let
 * {@code retort resolve} settle it; nothing may be applied twice.
 *
 * <p>Migration m002 has six {@code CREATE TABLE}s, each followed by a slow {@code INSERT} of many
 * rows. The test waits until the history row says a CREATE has run (a random one) and kills the
 * process a random moment later, normally inside the INSERT after it. Where exactly the kill lands
 * is left to chance: the assertions take the statement count from the history row. The server
 * finishes the killed client's INSERT by itself; the exact row counts at the end show that it was
 * neither kept uncounted nor run twice.
 */
class MariaDbInterruptedTest {
  private static final int PARTS = 6;
  private static final int ROWS = 100_000;
  private static final int STATEMENTS = 2 * PARTS;

  private TestDatabase db;
  private Cli cli;
  private List<String> statements;
  private Random random;

  @BeforeEach
  void setUp(@TempDir Path dir) {
    long seed = new Random().nextLong();
    System.out.println("seed " + seed);
    random = new Random(seed);
    statements = new ArrayList<>();
    for (int j = 1; j <= PARTS; j++) {
      statements.add(
          "CREATE TABLE part_" + j + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL)");
      statements.add(
          "INSERT INTO part_"
              + j
              + " (id, v) SELECT seq, CONCAT('row ', seq) FROM seq_1_to_"
              + ROWS);
    }
    MigrationFiles.chain(
        dir.resolve("migrations"),
        List.of(
            MigrationFiles.Up.of("CREATE TABLE base_t (id INT NOT NULL PRIMARY KEY);"),
            MigrationFiles.Up.of(String.join(";\n", statements) + ";"),
            MigrationFiles.Up.of(
                "CREATE TABLE after_t (id INT NOT NULL PRIMARY KEY);\n"
                    + "INSERT INTO after_t (id) VALUES (1);")));
    db = TestDatabases.mariadb();
    cli = new Cli(db, dir.resolve("migrations"), dir);
  }

  @AfterEach
  void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void resumeFinishesAnInterruptedMigration() throws Exception {
    int done = killInsideM002();

    Child.Result blocked = cli.run("upgrade");
    assertThat(blocked.exit()).as(blocked.describe()).isEqualTo(1);
    assertThat(blocked.err())
        .as(blocked.describe())
        .contains("revision m002")
        .contains("interrupted after statement " + done + " of " + STATEMENTS)
        .contains("retort resolve m002 --resume")
        .contains("--applied")
        .contains("--rolled-back");
    assertThat(blocked.err().strip().lines()).as("one line").hasSize(1);

    Child.Result status = cli.run("status");
    assertThat(status.exit()).as(status.describe()).isZero();
    assertThat(status.out())
        .contains("RUNNING  m002")
        .contains(done + " of " + STATEMENTS + " statement(s) ran")
        .contains("pending  m003");

    Child.Result resume = cli.run("resolve", "m002", "--resume");
    assertThat(resume.exit()).as(resume.describe()).isZero();
    assertThat(resume.out()).contains("m002 is now applied");

    upgradeAppliesTheRest(1);
  }

  @Test
  void rolledBackRunsItAgainFromTheTop() throws Exception {
    killInsideM002();
    for (int j = 1; j <= PARTS; j++) {
      Queries.execute(db, "DROP TABLE IF EXISTS part_" + j);
    }

    Child.Result resolve = cli.run("resolve", "m002", "--rolled-back");
    assertThat(resolve.exit()).as(resolve.describe()).isZero();
    assertThat(Queries.history(db))
        .extracting(Queries.HistoryRow::revision)
        .containsExactly("m001");

    upgradeAppliesTheRest(2);
  }

  @Test
  void appliedRecordsWhatWasFinishedByHand() throws Exception {
    int done = killInsideM002();
    Queries.execute(db, statements.subList(done, STATEMENTS).toArray(String[]::new));

    Child.Result resolve = cli.run("resolve", "m002", "--applied");
    assertThat(resolve.exit()).as(resolve.describe()).isZero();
    assertThat(resolve.out()).contains("m002 is now applied");

    upgradeAppliesTheRest(1);
  }

  /**
   * Starts {@code upgrade}, kills it at a random moment after one of m002's CREATE TABLEs and
   * returns how many statements of m002 its history row says ran.
   */
  private int killInsideM002() throws Exception {
    int afterCreate = 2 * random.nextInt(PARTS) + 1;
    int sleepMillis = random.nextInt(50);
    try (Child child = cli.start("upgrade")) {
      while (child.isAlive() && doneOfM002() < afterCreate) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive()).as("upgrade still running; %s", child.stdout()).isTrue();
      Thread.sleep(sleepMillis);
      child.kill();
    }
    Queries.HistoryRow row = m002();
    System.out.printf(
        "killed %d ms after statement %d ran; the history row says %s after %d of %d%n",
        sleepMillis, afterCreate, row.state(), row.done(), row.total());
    assertThat(row.state()).isEqualTo("running");
    assertThat(row.total()).isEqualTo(STATEMENTS);
    assertThat(row.done()).isBetween(afterCreate, STATEMENTS - 1);
    for (int j = 1; j <= PARTS; j++) {
      boolean created = 2 * j - 1 <= row.done();
      assertThat(Queries.tableExists(db, "part_" + j)).as("part_%d exists", j).isEqualTo(created);
      if (2 * j <= row.done()) {
        assertThat(Queries.number(db, "SELECT count(*) FROM part_" + j)).isEqualTo(ROWS);
      }
    }
    return row.done();
  }

  /** After the migration was settled: upgrade applies {@code expected} revisions, all is whole. */
  private void upgradeAppliesTheRest(int expected) throws Exception {
    Child.Result upgrade = cli.run("upgrade");
    assertThat(upgrade.exit()).as(upgrade.describe()).isZero();
    assertThat(upgrade.out()).contains("applied " + expected + " revision(s)");

    assertThat(Queries.history(db))
        .extracting(Queries.HistoryRow::revision, Queries.HistoryRow::state)
        .containsExactly(
            tuple("m001", "applied"), tuple("m002", "applied"), tuple("m003", "applied"));
    for (int j = 1; j <= PARTS; j++) {
      String t = "part_" + j;
      assertThat(Queries.number(db, "SELECT count(*) FROM " + t)).as(t).isEqualTo(ROWS);
      assertThat(Queries.number(db, "SELECT sum(id) FROM " + t))
          .as(t)
          .isEqualTo((long) ROWS * (ROWS + 1) / 2);
    }
    assertThat(Queries.number(db, "SELECT count(*) FROM after_t")).isEqualTo(1);
  }

  private int doneOfM002() throws Exception {
    Queries.HistoryRow row = m002();
    return row == null ? -1 : row.done();
  }

  private Queries.HistoryRow m002() throws Exception {
    return Queries.history(db).stream()
        .filter(r -> r.revision().equals("m002"))
        .findFirst()
        .orElse(null);
  }
}

package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upgrade, its dry run, and the read-only views of the result: status, current, history, show. */
class CliUpgradeTest {
  private static final String DURATION = "\\(\\d+(\\.\\d)? m?s\\)";

  @TempDir Path tmp;

  @Test
  void upgradeOnAnEmptyDatabasePrintsEachRevisionWithItsDuration() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result r = ok(p.run("upgrade"));

    List<String> lines = r.outLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("applied  a1a1a1a1a1a1  001 create t1  " + DURATION);
    assertThat(lines.get(1)).matches("applied  b2b2b2b2b2b2  002 create t2  " + DURATION);
    assertThat(lines.get(2)).matches("applied  c3c3c3c3c3c3  003 create t3  " + DURATION);
    assertThat(lines.get(3))
        .matches("applied 3 revision\\(s\\) in \\d+(\\.\\d)? m?s; database at c3c3c3c3c3c3");
    assertThat(p.tables()).containsExactly("retort_history", "t1", "t2", "t3");
    assertThat(p.appliedRevisions())
        .containsExactly("a1a1a1a1a1a1", "b2b2b2b2b2b2", "c3c3c3c3c3c3");
    // The semicolon inside the string literal did not split the INSERT.
    assertThat(p.query("SELECT name FROM t1")).containsExactly("one;two");
  }

  @Test
  void secondUpgradeSaysUpToDateAndChangesNothing() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));
    byte[] before = p.dbBytes();

    CliProject.Result r = ok(p.run("upgrade"));

    assertThat(r.outLines()).containsExactly("up to date at c3c3c3c3c3c3");
    assertThat(p.dbBytes()).isEqualTo(before);
  }

  @Test
  void quietUpgradePrintsNothing() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    assertThat(ok(p.run("upgrade", "-q")).out()).isEmpty();
    assertThat(p.appliedRevisions()).hasSize(3);
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "a1a1"));
    byte[] before = p.dbBytes();

    CliProject.Result r = ok(p.run("upgrade", "--dry-run"));

    assertThat(r.outLines())
        .containsExactly(
            "would apply b2b2b2b2b2b2  002 create t2",
            "would apply c3c3c3c3c3c3  003 create t3",
            "dry run: nothing changed; database at a1a1a1a1a1a1");
    assertThat(p.dbBytes()).isEqualTo(before);
    assertThat(p.tables()).containsExactly("retort_history", "t1");
  }

  @Test
  void dryRunOnAnEmptyDatabaseCreatesNoTable() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result r = ok(p.run("upgrade", "--dry-run"));

    assertThat(r.outLines()).hasSize(4).last().asString().contains("nothing changed");
    assertThat(p.tables()).isEmpty();
  }

  @Test
  void upgradeToARevisionAndByStepsStopsThere() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    assertThat(ok(p.run("upgrade", "+1")).out()).contains("database at a1a1a1a1a1a1");
    assertThat(ok(p.run("upgrade", "b2b2")).out()).contains("database at b2b2b2b2b2b2");

    assertThat(p.appliedRevisions()).containsExactly("a1a1a1a1a1a1", "b2b2b2b2b2b2");
    assertThat(p.tables()).doesNotContain("t3");
  }

  @Test
  void statusCheckExits3WhilePendingAnd0WhenUpToDate() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "+1"));

    CliProject.Result pending = p.run("status", "--check");

    assertThat(pending.exit()).as(pending.toString()).isEqualTo(3);
    assertThat(pending.err()).isEmpty();
    List<String> lines = pending.outLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("applied  a1a1a1a1a1a1  001 create t1  [").endsWith("]");
    assertThat(lines.get(1)).isEqualTo("pending  b2b2b2b2b2b2  002 create t2");
    assertThat(lines.get(2)).isEqualTo("pending  c3c3c3c3c3c3  003 create t3");
    assertThat(lines.get(3)).isEqualTo("database at a1a1a1a1a1a1; 2 pending; heads: c3c3c3c3c3c3");
    // Without --check, pending migrations are information, not failure.
    assertThat(ok(p.run("status")).out()).isEqualTo(pending.out());

    ok(p.run("upgrade"));
    CliProject.Result upToDate = ok(p.run("status", "--check"));
    assertThat(upToDate.outLines())
        .last()
        .isEqualTo("database at c3c3c3c3c3c3; 0 pending; heads: c3c3c3c3c3c3");
  }

  @Test
  void statusCheckOnAnEmptyDatabaseIsPending() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result r = p.run("status", "--check");

    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.outLines()).last().asString().startsWith("database at base (nothing applied)");
    assertThat(p.tables()).isEmpty();
  }

  @Test
  void currentPrintsTheDatabaseRevision() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    // Before the first upgrade the SQLite file does not exist; reading does not create it.
    assertThat(ok(p.run("current")).outLines())
        .containsExactly(
            "note: database file "
                + p.db
                + " does not exist: read as an empty database (upgrade creates it; check the url"
                + " if it should exist)",
            "base (nothing applied)");
    assertThat(p.db).doesNotExist();
    ok(p.run("upgrade", "b2b2"));
    assertThat(ok(p.run("current")).outLines()).containsExactly("b2b2b2b2b2b2");
  }

  @Test
  void historyListsNewestFirstWithMarks() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade", "b2b2"));

    CliProject.Result r = ok(p.run("history"));

    assertThat(r.outLines())
        .containsExactly(
            "pending  c3c3c3c3c3c3 <- b2b2b2b2b2b2 (head)  003 create t3",
            "applied  b2b2b2b2b2b2 <- a1a1a1a1a1a1 (current)  002 create t2",
            "applied  a1a1a1a1a1a1 <- base  001 create t1");
  }

  @Test
  void showPrintsFileSqlAndHistoryRow() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));

    CliProject.Result r = ok(p.run("show", "c3c3"));

    assertThat(r.out())
        .contains("revision:    c3c3c3c3c3c3\n")
        .contains("description: 003 create t3\n")
        .contains("state:       applied\n")
        .contains("parents:     b2b2b2b2b2b2\n")
        .contains("source:      migrations/003_create_t3.sql\n")
        .contains("transaction: true\n")
        .containsPattern("checksum:    [0-9a-f]{64}\n")
        .containsPattern("applied at:  \\d{4}-\\d\\d-\\d\\dT.* by .+@.*\n")
        .contains(
            "-- up\nCREATE TABLE t3 (id INTEGER PRIMARY KEY);\nCREATE INDEX t3_id ON t3 (id);\n")
        .contains("-- down\nDROP INDEX t3_id;\nDROP TABLE t3;\n");
  }

  @Test
  void showOfAPendingRevisionHasNoHistoryRow() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result r = ok(p.run("show", "a1a1a1a1a1a1"));

    assertThat(r.out()).contains("state:       pending").doesNotContain("applied at:");
  }

  @Test
  void stampRecordsWithoutRunning() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result r = ok(p.run("stamp", "b2b2"));

    assertThat(r.outLines())
        .containsExactly(
            "stamped a1a1a1a1a1a1  001 create t1",
            "stamped b2b2b2b2b2b2  002 create t2",
            "database at b2b2b2b2b2b2");
    assertThat(p.tables()).containsExactly("retort_history");
    assertThat(p.query("SELECT kind FROM retort_history")).containsOnly("stamp");
    // The next upgrade runs only what was not stamped.
    assertThat(ok(p.run("upgrade")).outLines()).hasSize(2).first().asString().contains("c3c3");
    assertThat(p.tables()).containsExactly("retort_history", "t3");
  }

  @Test
  void stampBaseSaysHowToUndoAStamp() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("stamp", "head"));

    String line = oneLineError(p.run("stamp", "base"), 2);

    assertThat(line)
        .contains(
            "stamp records revisions as applied; to undo a stamp, use 'retort downgrade base'")
        .doesNotContain("use downgrade base");
    assertThat(oneLineError(p.run("upgrade", "base"), 2))
        .contains("upgrade to base makes no sense; use downgrade base");
  }

  @Test
  void aStepCountTooLargeIsATargetErrorNotAStackTrace() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    assertThat(oneLineError(p.run("upgrade", "+99999999999"), 2))
        .contains("+99999999999 is too many steps");
  }

  @Test
  void commandsThatPrintDataKeepTheirNotesOffStandardOutput() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    CliProject.Result sql = p.run("sql");
    CliProject.Result json = p.run("inspect", "--format", "json");

    assertThat(sql.exit()).as(sql.toString()).isZero();
    assertThat(json.exit()).as(json.toString()).isZero();
    assertThat(sql.out()).startsWith("-- ").doesNotContain("note:").contains("CREATE TABLE t1");
    assertThat(json.out()).startsWith("{").doesNotContain("note:");
    assertThat(sql.err()).contains("note: database file " + p.db + " does not exist");
    assertThat(json.err()).contains("note: database file " + p.db + " does not exist");
    assertThat(p.db).doesNotExist();
  }
}

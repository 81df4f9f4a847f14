package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** downgrade in its forms, and the branch commands that lead to an upgrade: merge, heads. */
class CliDowngradeTest {
  private static final String DURATION = "\\(\\d+(\\.\\d)? m?s\\)";

  @TempDir Path tmp;

  @Test
  void downgradeMinusOneRevertsTheLastRevision() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));

    CliProject.Result r = ok(p.run("downgrade", "-1"));

    List<String> lines = r.outLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("reverted c3c3c3c3c3c3  003 create t3  " + DURATION);
    assertThat(lines.get(1)).endsWith("; database at b2b2b2b2b2b2").startsWith("reverted 1 ");
    assertThat(p.tables()).containsExactly("retort_history", "t1", "t2");
    assertThat(p.appliedRevisions()).containsExactly("a1a1a1a1a1a1", "b2b2b2b2b2b2");
  }

  @Test
  void downgradeBaseRevertsEverythingNewestFirst() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));

    CliProject.Result r = ok(p.run("downgrade", "base"));

    List<String> lines = r.outLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("reverted c3c3c3c3c3c3");
    assertThat(lines.get(1)).startsWith("reverted b2b2b2b2b2b2");
    assertThat(lines.get(2)).startsWith("reverted a1a1a1a1a1a1");
    assertThat(lines.get(3)).endsWith("database at base (nothing applied)");
    assertThat(p.tables()).containsExactly("retort_history");
    assertThat(p.appliedRevisions()).isEmpty();
    assertThat(ok(p.run("current")).outLines()).containsExactly("base (nothing applied)");
    // Down and up again: the round trip is clean.
    ok(p.run("upgrade"));
    assertThat(p.tables()).containsExactly("retort_history", "t1", "t2", "t3");
  }

  @Test
  void downgradeDryRunChangesNothing() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));
    byte[] before = p.dbBytes();

    CliProject.Result r = ok(p.run("downgrade", "a1a1", "--dry-run"));

    assertThat(r.outLines())
        .containsExactly(
            "would revert c3c3c3c3c3c3  003 create t3",
            "would revert b2b2b2b2b2b2  002 create t2",
            "dry run: nothing changed; database at c3c3c3c3c3c3");
    assertThat(p.dbBytes()).isEqualTo(before);
  }

  @Test
  void downgradeWithTheFileDeletedRunsTheStoredDownScript() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    ok(p.run("upgrade"));
    Files.delete(p.migrations.resolve("003_create_t3.sql"));

    assertThat(ok(p.run("downgrade", "-1", "--dry-run")).outLines())
        .first()
        .isEqualTo("would revert c3c3c3c3c3c3  003 create t3  (stored down script)");
    CliProject.Result r = ok(p.run("downgrade", "-1"));

    assertThat(r.outLines().get(0))
        .isEqualTo(
            "note: revision c3c3c3c3c3c3: its migration file is gone; running the down script"
                + " stored in the history table");
    assertThat(r.outLines().get(1)).startsWith("reverted c3c3c3c3c3c3");
    assertThat(p.tables()).containsExactly("retort_history", "t1", "t2");
    assertThat(p.query("SELECT name FROM sqlite_master WHERE name = 't3_id'")).isEmpty();
    // The history now matches the files again.
    ok(p.run("validate"));
  }

  @Test
  void mergeThenUpgradeAppliesBothBranches() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", "DROP TABLE a;");
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);
    assertThat(p.run("upgrade").exit()).isEqualTo(2);

    String merge = Path.of(ok(p.run("merge")).out().strip()).getFileName().toString();
    String mergeId = merge.split("_")[2];
    CliProject.Result r = ok(p.run("upgrade"));

    assertThat(r.outLines()).hasSize(5);
    assertThat(r.outLines().get(0)).startsWith("applied  aaaa00000001");
    assertThat(r.outLines().get(3)).startsWith("applied  " + mergeId + "  merge heads  (");
    assertThat(r.outLines().get(4)).endsWith("database at " + mergeId);
    assertThat(p.tables()).containsExactly("a", "b", "c", "retort_history");
    assertThat(ok(p.run("current")).outLines()).containsExactly(mergeId);
  }

  @Test
  void upgradeHeadsAppliesEveryBranchWithoutAMerge() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", null);
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);

    ok(p.run("upgrade", "heads"));

    assertThat(p.tables()).containsExactly("a", "b", "c", "retort_history");
    assertThat(ok(p.run("current")).outLines())
        .containsExactlyInAnyOrder("bbbb00000002", "cccc00000003");
  }
}

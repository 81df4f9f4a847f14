package dev.retort;

import static dev.retort.MigrationFiles.write;
import static dev.retort.SqliteUpgradeTest.assertRetortError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.source.Migration;
import dev.retort.source.SqlMigrationParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downgrades, merges and stamps through the public API on SQLite files. */
class SqliteDowngradeTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
  }

  private static List<String> ids(MigrateResult result) {
    return result.steps().stream().map(s -> s.step().revision()).toList();
  }

  /** The schema, plus how many rows table a holds, as one comparable list. */
  private List<String> schema() {
    List<String> out = new ArrayList<>();
    for (String object : db.objects()) {
      String name = object.substring(object.indexOf(' ') + 1);
      out.add(object.startsWith("table ") ? object + db.columns(name) : object);
    }
    if (db.objects().contains("table a")) {
      out.add("rows in a: " + db.strings("SELECT count(*) FROM a").get(0));
    }
    return out;
  }

  @Test
  void theStairwayDownToBaseAndBackUpOneStepAtATime() {
    String[][] steps = {
      {"CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;"},
      {"ALTER TABLE a ADD COLUMN x TEXT;", "ALTER TABLE a DROP COLUMN x;"},
      {"CREATE TABLE b (id INTEGER, a_id INTEGER REFERENCES a(id));", "DROP TABLE b;"},
      {"CREATE INDEX b_a ON b(a_id);", "DROP INDEX b_a;"},
      {"CREATE VIEW v AS SELECT a.id, a.x FROM a;", "DROP VIEW v;"},
      {"INSERT INTO a (id, x) VALUES (1, 'one');", "DELETE FROM a WHERE id = 1;"}
    };
    List<List<String>> expected =
        List.of(
            List.of(),
            List.of("table a[id]", "rows in a: 0"),
            List.of("table a[id, x]", "rows in a: 0"),
            List.of("table a[id, x]", "table b[id, a_id]", "rows in a: 0"),
            List.of("table a[id, x]", "table b[id, a_id]", "index b_a", "rows in a: 0"),
            List.of("table a[id, x]", "table b[id, a_id]", "index b_a", "view v", "rows in a: 0"),
            List.of("table a[id, x]", "table b[id, a_id]", "index b_a", "view v", "rows in a: 1"));
    for (int i = 0; i < steps.length; i++) {
      write(folder, "00" + (i + 1), "s" + (i + 1), i == 0 ? "" : "s" + i, steps[i][0], steps[i][1]);
    }
    Retort retort = db.retort(folder);
    retort.upgrade();
    assertThat(schema()).isEqualTo(expected.get(6));

    for (int level = 5; level >= 0; level--) {
      MigrateResult result = retort.downgrade("-1");
      assertThat(ids(result)).containsExactly("s" + (level + 1));
      assertThat(schema()).as("schema at level %d", level).isEqualTo(expected.get(level));
      assertThat(retort.current()).isEqualTo(level == 0 ? List.of() : List.of("s" + level));
      assertThat(db.history()).hasSize(level);
    }
    assertRetortError(() -> retort.downgrade("-1"), ErrorCode.TARGET, "goes past base");

    for (int level = 1; level <= 6; level++) {
      MigrateResult result = retort.upgrade("+1");
      assertThat(ids(result)).containsExactly("s" + level);
      assertThat(schema()).as("schema at level %d", level).isEqualTo(expected.get(level));
      assertThat(retort.current()).containsExactly("s" + level);
    }
    assertThat(retort.upgrade().steps()).isEmpty();
  }

  @Test
  void downgradeToBaseAndToARevision() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    write(folder, "003", "c", "b", "CREATE TABLE c (id INTEGER);", "DROP TABLE c;");
    Retort retort = db.retort(folder);
    retort.upgrade();

    assertThat(ids(retort.downgrade("a"))).containsExactly("c", "b");
    assertThat(db.objects()).containsExactly("table a");
    retort.upgrade();
    assertThat(ids(retort.downgrade("base"))).containsExactly("c", "b", "a");
    assertThat(db.objects()).isEmpty();
    assertThat(db.history()).isEmpty();
  }

  @Test
  void aDowngradeDryRunChangesNothing() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    Retort retort = db.retort(folder);
    retort.upgrade();

    MigrateResult plan = retort.downgrade("base", true);

    assertThat(plan.dryRun()).isTrue();
    assertThat(ids(plan)).containsExactly("a");
    assertThat(db.objects()).containsExactly("table a");
    assertThat(db.historyRevisions()).containsExactly("a");
  }

  @Test
  void aDeletedFileIsUndoneWithItsStoredDownScript() throws Exception {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    Path gone = write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    db.retort(folder).upgrade();
    Files.delete(gone);
    List<String> notices = new ArrayList<>();
    Retort retort =
        Retort.configure()
            .url(db.url(), null, null)
            .location(folder)
            .listener(
                new RetortListener() {
                  @Override
                  public void notice(String message) {
                    notices.add(message);
                  }
                })
            .build();

    MigrateResult result = retort.downgrade("-1");

    assertThat(ids(result)).containsExactly("b");
    assertThat(result.steps().get(0).step().usesStoredDown()).isTrue();
    assertThat(db.objects()).containsExactly("table a");
    assertThat(db.historyRevisions()).containsExactly("a");
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("revision b")
        .contains("its migration file is gone")
        .contains("down script stored in the history table");
  }

  @Test
  void aFailingDownScriptIsRolledBackAndTheRevisionStaysApplied() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(
        folder,
        "002",
        "b",
        "a",
        "CREATE TABLE b (id INTEGER);",
        "DROP TABLE b;\nDELETE FROM no_such_table;");
    Retort retort = db.retort(folder);
    retort.upgrade();

    assertRetortError(
        () -> retort.downgrade("base"),
        ErrorCode.MIGRATION_FAILED,
        "downgrade of b failed: migrations/002.sql:8, statement 2 of 2",
        "no such table: no_such_table");

    assertThat(db.objects()).containsExactly("table a", "table b");
    assertThat(db.historyRevisions()).containsExactly("a", "b");
  }

  @Test
  void aDownStepWithoutDownScriptFailsBeforeAnythingRuns() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", null);
    write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    Retort retort = db.retort(folder);
    retort.upgrade();

    assertRetortError(() -> retort.downgrade("base"), ErrorCode.TARGET, "revision a", "no down");

    assertThat(db.objects()).containsExactly("table a", "table b");
    assertThat(db.historyRevisions()).containsExactly("a", "b");
  }

  @Test
  void twoHeadsAreMergedByANewRevision() throws Exception {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "left", "a", "CREATE TABLE l (id INTEGER);", "DROP TABLE l;");
    write(folder, "003", "right", "a", "CREATE TABLE r (id INTEGER);", "DROP TABLE r;");
    Retort retort = db.retort(folder);

    assertRetortError(retort::upgrade, ErrorCode.GRAPH, "2 heads (left, right)", "retort merge");
    assertThat(db.history()).isEmpty();
    assertThat(retort.heads()).containsExactly("left", "right");

    Path merge = retort.merge("join branches");

    assertThat(merge.getParent()).isEqualTo(folder);
    assertThat(merge.getFileName().toString()).endsWith("_join_branches.sql");
    Migration parsed = SqlMigrationParser.parse(merge.toString(), Files.readString(merge));
    assertThat(parsed.parents()).containsExactly("left", "right");
    assertThat(parsed.description()).isEqualTo("join branches");
    assertThat(retort.heads()).containsExactly(parsed.id());

    MigrateResult result = retort.upgrade();

    assertThat(ids(result)).containsExactly("a", "left", "right", parsed.id());
    assertThat(result.current()).containsExactly(parsed.id());
    assertThat(db.objects()).containsExactly("table a", "table l", "table r");
  }

  @Test
  void aMergeRevisionCanBeDowngraded() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "left", "a", "CREATE TABLE l (id INTEGER);", "DROP TABLE l;");
    write(folder, "003", "right", "a", "CREATE TABLE r (id INTEGER);", "DROP TABLE r;");
    Retort retort = db.retort(folder);
    retort.merge("m");
    retort.upgrade();

    MigrateResult result = retort.downgrade("-2");

    assertThat(result.steps()).hasSize(2);
    assertThat(db.objects()).containsExactly("table a", "table l");
    assertThat(retort.current()).containsExactly("left");
  }

  @Test
  void upgradeHeadsAppliesEveryBranchWithoutAMerge() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "left", "a", "CREATE TABLE l (id INTEGER);", "DROP TABLE l;");
    write(folder, "003", "right", "a", "CREATE TABLE r (id INTEGER);", "DROP TABLE r;");
    Retort retort = db.retort(folder);

    MigrateResult result = retort.upgrade("heads");

    assertThat(ids(result)).containsExactly("a", "left", "right");
    assertThat(result.current()).containsExactly("left", "right");
    assertThat(db.objects()).containsExactly("table a", "table l", "table r");

    // Back to the branch point undoes both branches, last applied first.
    assertThat(ids(retort.downgrade("right-1"))).containsExactly("right", "left");
    retort.upgrade("heads");
    // Back to a revision of one branch leaves the other branch alone.
    write(folder, "004", "l2", "left", "CREATE TABLE l2 (id INTEGER);", "DROP TABLE l2;");
    retort.upgrade("heads");
    assertThat(ids(retort.downgrade("left"))).containsExactly("l2");
    assertThat(db.objects()).containsExactly("table a", "table l", "table r");
  }

  @Test
  void stampRecordsRevisionsWithoutRunningThem() {
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    write(folder, "003", "c", "b", "CREATE TABLE c (id INTEGER);", "DROP TABLE c;");
    // A database made by hand before Retort: a and b exist already.
    db.execute("CREATE TABLE a (id INTEGER)", "CREATE TABLE b (id INTEGER)");
    Retort retort = db.retort(folder);

    MigrateResult stamped = retort.stamp("b");

    assertThat(ids(stamped)).containsExactly("a", "b");
    assertThat(stamped.current()).containsExactly("b");
    assertThat(db.history())
        .extracting(r -> r.get("revision") + " " + r.get("kind") + " " + r.get("duration_ms"))
        .containsExactly("a stamp 0", "b stamp 0");
    assertThat(db.history().get(1).get("down_script").toString()).contains("DROP TABLE b;");

    assertThat(ids(retort.upgrade())).containsExactly("c");
    assertThat(db.objects()).containsExactly("table a", "table b", "table c");
  }
}

package dev.retort;

import static dev.retort.MigrationFiles.write;
import static dev.retort.SqliteUpgradeTest.assertRetortError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations marked {@code retort:transaction false} on SQLite: progress is recorded statement by
 * statement, a failure half-way blocks upgrades until it is resolved.
 */
class SqliteNonTransactionalTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
  }

  /** b: three statements outside a transaction; the second reads {@code source}. */
  private void writeB(String source) {
    write(
        folder,
        "002.sql",
        "-- retort:revision b\n-- retort:parents a\n-- retort:transaction false\n-- retort:up\n"
            + "CREATE TABLE b1 (id INTEGER);\n"
            + "CREATE TABLE b2 AS SELECT * FROM "
            + source
            + ";\n"
            + "CREATE TABLE b3 (id INTEGER);\n"
            + "-- retort:down\nDROP TABLE b3;\nDROP TABLE b2;\nDROP TABLE b1;\n");
  }

  @Test
  void aFailureHalfWayIsRecordedAndBlocksUpgrade() {
    writeB("missing");
    Retort retort = db.retort(folder);

    assertRetortError(
        retort::upgrade,
        ErrorCode.PARTIAL_MIGRATION,
        "migrations/002.sql:6, statement 2 of 3",
        "no such table: missing",
        "1 statement(s) before it were committed",
        "retort resolve b --resume");

    assertThat(db.objects()).containsExactly("table a", "table b1");
    Map<String, Object> row = db.history().get(1);
    assertThat(row.get("revision")).isEqualTo("b");
    assertThat(row.get("state")).isEqualTo("failed");
    assertThat(row.get("statements_done")).isEqualTo(1);
    assertThat(row.get("statements_total")).isEqualTo(3);
    assertThat((String) row.get("error")).contains("statement 2", "no such table: missing");
    assertThat(retort.status().revisions().get(1).state()).isEqualTo(RevisionStatus.State.FAILED);
    assertRetortError(retort::upgrade, ErrorCode.PARTIAL_MIGRATION, "revision b", "failed");
    assertRetortError(() -> retort.downgrade("base"), ErrorCode.PARTIAL_MIGRATION, "revision b");
  }

  @Test
  void resumeAfterFixingTheDatabaseRunsTheRest() {
    writeB("missing");
    Retort retort = db.retort(folder);
    assertRetortError(retort::upgrade, ErrorCode.PARTIAL_MIGRATION, "statement 2 of 3");
    db.execute("CREATE TABLE missing (id INTEGER)");

    RevisionStatus resolved = retort.resolve("b", Retort.Resolution.RESUME);

    assertThat(resolved.state()).isEqualTo(RevisionStatus.State.APPLIED);
    assertThat(db.objects())
        .containsExactly("table a", "table b1", "table b2", "table b3", "table missing");
    assertThat(db.history().get(1).get("statements_done")).isEqualTo(3);
    assertThat(retort.validate().ok()).isTrue();
    assertThat(retort.upgrade().steps()).isEmpty();
  }

  @Test
  void resumeAfterFixingTheFileRunsTheRestAndTheFixedFileIsValid() {
    writeB("missing");
    assertRetortError(db.retort(folder)::upgrade, ErrorCode.PARTIAL_MIGRATION, "statement 2 of 3");
    writeB("a");
    Retort retort = db.retort(folder);

    retort.resolve("b", Retort.Resolution.RESUME);

    assertThat(db.objects()).containsExactly("table a", "table b1", "table b2", "table b3");
    assertThat(retort.validate().problems()).isEmpty();
    assertThat(retort.upgrade().steps()).isEmpty();
  }

  @Test
  void resolvedAsRolledBackRunsAgainFromTheTop() {
    writeB("missing");
    Retort retort = db.retort(folder);
    assertRetortError(retort::upgrade, ErrorCode.PARTIAL_MIGRATION, "statement 2 of 3");
    db.execute("DROP TABLE b1");

    retort.resolve("b", Retort.Resolution.ROLLED_BACK);
    writeB("a");

    assertThat(db.retort(folder).upgrade().steps()).hasSize(1);
    assertThat(db.objects()).containsExactly("table a", "table b1", "table b2", "table b3");
  }

  @Test
  void resolvedAsAppliedIsRecordedWithoutRunningAnything() {
    writeB("missing");
    Retort retort = db.retort(folder);
    assertRetortError(retort::upgrade, ErrorCode.PARTIAL_MIGRATION, "statement 2 of 3");

    retort.resolve("b", Retort.Resolution.APPLIED);

    assertThat(db.objects()).containsExactly("table a", "table b1");
    assertThat(db.history().get(1).get("state")).isEqualTo("applied");
    assertThat(retort.upgrade().steps()).isEmpty();
  }

  @Test
  void aFailureAtTheFirstStatementLeavesNoRow() {
    write(
        folder,
        "002.sql",
        "-- retort:revision b\n-- retort:parents a\n-- retort:transaction false\n-- retort:up\n"
            + "INSERT INTO missing VALUES (1);\n");

    assertRetortError(
        db.retort(folder)::upgrade, ErrorCode.MIGRATION_FAILED, "statement 1 of 1", "missing");

    assertThat(db.historyRevisions()).containsExactly("a");
  }

  @Test
  void resolveTakesAnExactIdEvenWhenItIsThePrefixOfAnother() {
    // 001.sql becomes "ab"; "a" fails half-way. "ab" starts with "a" but is another revision.
    write(folder, "001", "ab", "", "CREATE TABLE ab (id INTEGER);", null);
    write(
        folder,
        "002.sql",
        "-- retort:revision a\n-- retort:parents ab\n-- retort:transaction false\n"
            + "-- retort:up\nCREATE TABLE a1 (id INTEGER);\nINSERT INTO missing VALUES (1);\n");
    Retort retort = db.retort(folder);
    assertRetortError(retort::upgrade, ErrorCode.PARTIAL_MIGRATION, "statement 2 of 2");

    RevisionStatus resolved = retort.resolve("a", Retort.Resolution.APPLIED);

    assertThat(resolved.revision()).isEqualTo("a");
    assertThat(resolved.state()).isEqualTo(RevisionStatus.State.APPLIED);
  }
}

package dev.retort;

import static dev.retort.MigrationFiles.text;
import static dev.retort.MigrationFiles.write;
import static dev.retort.SqliteUpgradeTest.assertRetortError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status and validation through the public API on SQLite files. */
class SqliteStatusTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;
  private Path fileA;
  private Path fileB;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
    fileA = write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    fileB = write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
  }

  private static String line(RevisionStatus s) {
    return s.revision() + " " + s.state();
  }

  @Test
  void statusShowsAppliedPendingAndUnknownRevisions() throws Exception {
    Path fileC = write(folder, "003", "c", "b", "CREATE TABLE c (id INTEGER);", "DROP TABLE c;");
    db.retort(folder).upgrade();
    Files.delete(fileC);
    write(folder, "004", "d", "b", "CREATE TABLE d (id INTEGER);", "DROP TABLE d;");
    Retort retort = db.retort(folder);

    StatusReport status = retort.status();

    assertThat(status.revisions())
        .extracting(SqliteStatusTest::line)
        .containsExactly("a APPLIED", "b APPLIED", "d PENDING", "c UNKNOWN");
    assertThat(status.current()).containsExactly("c");
    assertThat(status.heads()).containsExactly("d");
    assertThat(status.upToDate()).isFalse();
    assertThat(status.revisions().get(0).row().checksum()).isNotNull();
    assertThat(status.revisions().get(2).row()).isNull();
    assertThat(status.revisions().get(3).migration()).isNull();
    assertThat(retort.pending()).containsExactly("d");
    assertThat(retort.show("c").state()).isEqualTo(RevisionStatus.State.UNKNOWN);
    assertThat(retort.show("d").description()).isEqualTo("migration d");
  }

  @Test
  void statusOfAnUpToDateDatabase() {
    Retort retort = db.retort(folder);
    assertThat(retort.status().upToDate()).isFalse();

    retort.upgrade();

    assertThat(retort.status().upToDate()).isTrue();
    assertThat(retort.status().revisions())
        .extracting(SqliteStatusTest::line)
        .containsExactly("a APPLIED", "b APPLIED");
    assertThat(retort.pending()).isEmpty();
  }

  @Test
  void anAppliedFileThatWasEditedIsAChecksumMismatchAndBlocksUpgrade() throws Exception {
    db.retort(folder).upgrade();
    Files.writeString(fileA, text("a", "", "CREATE TABLE a (id INTEGER, extra TEXT);", null));
    write(folder, "003", "c", "b", "CREATE TABLE c (id INTEGER);", null);
    Retort retort = db.retort(folder);

    ValidationReport report = retort.validate();

    assertThat(report.ok()).isFalse();
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ValidationReport.Kind.CHECKSUM_MISMATCH);
              assertThat(p.revision()).isEqualTo("a");
              assertThat(p.message())
                  .contains("migrations/001.sql", "was changed after it was applied");
            });
    assertRetortError(retort::upgrade, ErrorCode.VALIDATION, "migrations/001.sql", "was changed");
    assertThat(db.objects()).doesNotContain("table c");
  }

  @Test
  void anAppliedFileThatWasDeletedIsMissingAndBlocksUpgrade() throws Exception {
    db.retort(folder).upgrade();
    Files.delete(fileB);
    write(folder, "003", "c", "a", "CREATE TABLE c (id INTEGER);", null);
    Retort retort = db.retort(folder);

    ValidationReport report = retort.validate();

    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ValidationReport.Kind.MISSING_FILE);
              assertThat(p.revision()).isEqualTo("b");
              assertThat(p.message()).contains("migrations/002.sql", "is missing");
            });
    assertRetortError(retort::upgrade, ErrorCode.VALIDATION, "revision b", "is missing");
    assertThat(db.objects()).doesNotContain("table c");
  }

  @Test
  void aRevisionWithNoOriginIsUnknown() {
    db.retort(folder).upgrade();
    db.execute("UPDATE retort_history SET origin = NULL WHERE revision = 'b'");
    db.execute("UPDATE retort_history SET revision = 'zz' WHERE revision = 'b'");

    ValidationReport report = db.retort(folder).validate();

    assertThat(report.problems())
        .extracting(ValidationReport.Problem::kind, ValidationReport.Problem::revision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ValidationReport.Kind.UNKNOWN_REVISION, "zz"));
  }

  @Test
  void cosmeticEditsOfAnAppliedFileStayValid() throws Exception {
    db.retort(folder).upgrade();
    String original = Files.readString(fileA);
    String cosmetic =
        "\uFEFF\r\n"
            + original.replace("\n", "  \r\n").replace("(id INTEGER);", "(id INTEGER);\t")
            + "\r\n\r\n";
    Files.writeString(fileA, cosmetic);
    write(folder, "003", "c", "b", "CREATE TABLE c (id INTEGER);", null);
    Retort retort = db.retort(folder);

    assertThat(retort.validate().problems()).isEmpty();
    assertThat(retort.upgrade().steps()).hasSize(1);
    assertThat(db.objects()).contains("table c");
  }
}

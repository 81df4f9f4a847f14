package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, and upgrade's refusal to run over a history that disagrees with the files. */
class CliValidateTest {
  @TempDir Path tmp;

  private CliProject p;
  private Path t2;

  @BeforeEach
  void applyThree() {
    p = CliProject.sqlite(tmp);
    p.threeMigrations();
    t2 = p.migrations.resolve("002_create_t2.sql");
    ok(p.run("upgrade"));
  }

  @Test
  void validAfterUpgrade() {
    assertThat(ok(p.run("validate")).outLines())
        .containsExactly("valid: every applied revision matches its migration");
  }

  @Test
  void editingTheUpPartOfAnAppliedMigrationIsExit4() {
    CliProject.write(
        t2, CliProject.read(t2).replace("id INTEGER PRIMARY KEY", "id INTEGER PRIMARY KEY, x"));

    CliProject.Result r = p.run("validate");

    assertThat(r.exit()).as(r.toString()).isEqualTo(4);
    assertThat(r.outLines()).hasSize(1);
    assertThat(r.out())
        .startsWith("checksum_mismatch: migrations/002_create_t2.sql (revision b2b2b2b2b2b2)")
        .contains("was changed after it was applied")
        .contains("new migration");
  }

  @Test
  void upgradeRefusesOverAnEditedMigration() {
    CliProject.write(t2, CliProject.read(t2).replace("t2 (id", "t2 (x INT, id"));
    p.migration("004_create_t4", "d4d4d4d4d4d4", "c3c3c3c3c3c3", "CREATE TABLE t4 (x INT);", null);

    String error = oneLineError(p.run("upgrade"), 4);

    assertThat(error).contains("002_create_t2.sql").contains("b2b2b2b2b2b2").contains("changed");
    assertThat(p.tables()).doesNotContain("t4");
  }

  @Test
  void cosmeticEditsAndDownPartEditsStayValid() {
    String text = CliProject.read(t2);
    // CRLF line endings, trailing blanks, and a different down part: the up part's SQL is the same.
    CliProject.write(
        t2,
        text.replace("DROP TABLE t2;", "DROP TABLE IF EXISTS t2;").replace("\n", "   \r\n")
            + "\r\n\r\n");

    ok(p.run("validate"));
  }

  @Test
  void deletedAppliedFileIsExit4AndUpgradeRefuses() throws Exception {
    Files.delete(p.migrations.resolve("003_create_t3.sql"));

    CliProject.Result r = p.run("validate");

    assertThat(r.exit()).as(r.toString()).isEqualTo(4);
    assertThat(r.outLines())
        .singleElement()
        .asString()
        .startsWith("missing_file: revision c3c3c3c3c3c3 is applied but its migration")
        .contains("migrations/003_create_t3.sql is missing")
        .contains("retort downgrade");
    String error = oneLineError(p.run("upgrade"), 4);
    assertThat(error).contains("c3c3c3c3c3c3").contains("missing");
    assertThat(p.appliedRevisions()).hasSize(3);
  }

  @Test
  void everyProblemIsListed() throws Exception {
    Files.delete(p.migrations.resolve("003_create_t3.sql"));
    CliProject.write(t2, CliProject.read(t2).replace("t2 (id", "t2 (x INT, id"));

    CliProject.Result r = p.run("validate");

    assertThat(r.exit()).isEqualTo(4);
    List<String> kinds = r.outLines().stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
    assertThat(kinds).containsExactlyInAnyOrder("checksum_mismatch", "missing_file");
    assertThat(oneLineError(p.run("upgrade"), 4)).contains("(and 1 more: run retort validate)");
  }
}

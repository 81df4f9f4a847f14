package dev.retort.cli;

import static dev.retort.cli.CliAssertions.ok;
import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.source.Migration;
import dev.retort.source.SqlMigrationParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need no migration to run: init, new, heads, merge, and the usage errors. */
class CliSetupTest {
  @TempDir Path tmp;

  @Test
  void initCreatesConfigAndMigrationsFolderThatTheOtherCommandsRead() {
    Path project = tmp.resolve("shop");

    CliProject.Result r = ok(CliProject.runRaw("init", project.toString()));

    Path config = project.resolve("retort.toml");
    assertThat(config).isRegularFile();
    assertThat(project.resolve("migrations")).isDirectory();
    assertThat(CliProject.read(config)).contains("url = \"jdbc:sqlite:app.db\"");
    assertThat(r.out()).contains("created " + config).contains("retort new");
    // The written file is a valid config: a command that reads it succeeds and sees no heads.
    CliProject.Result heads = ok(CliProject.runRaw("--config", config.toString(), "heads"));
    assertThat(heads.out()).isEmpty();
  }

  @Test
  void initRefusesToOverwriteAnExistingConfig() {
    Path config = tmp.resolve("retort.toml");
    CliProject.write(config, "url = \"jdbc:postgresql://db/app\"\n");

    String error = oneLineError(CliProject.runRaw("init", tmp.toString()), 2);

    assertThat(error).contains(config.toString()).contains("already exists");
    assertThat(CliProject.read(config)).isEqualTo("url = \"jdbc:postgresql://db/app\"\n");
    assertThat(tmp.resolve("migrations")).doesNotExist();
  }

  @Test
  void newWritesAMigrationWhoseParentsAreTheCurrentHeads() throws Exception {
    CliProject p = CliProject.sqlite(tmp);

    CliProject.Result first = ok(p.run("new", "Create users!"));
    Path firstFile = Path.of(first.out().strip());
    assertThat(firstFile.getParent()).isEqualTo(p.migrations);
    assertThat(firstFile.getFileName().toString())
        .matches("\\d{8}_\\d{6}_[0-9a-f]{12}_create_users\\.sql");
    Migration m1 = SqlMigrationParser.parse("first", Files.readString(firstFile));
    assertThat(m1.parents()).isEmpty();
    assertThat(m1.description()).isEqualTo("Create users!");

    CliProject.Result second = ok(p.run("new", "add email"));
    Migration m2 =
        SqlMigrationParser.parse("second", Files.readString(Path.of(second.out().strip())));
    assertThat(m2.parents()).containsExactly(m1.id());
    assertThat(m2.id()).isNotEqualTo(m1.id());

    assertThat(ok(p.run("heads")).outLines()).containsExactly(m2.id());
    assertThat(p.migrationFiles()).hasSize(2);
    // Creating files never touches the database.
    assertThat(p.db).doesNotExist();
  }

  @Test
  void newOnTwoHeadsNamesBothAsParents() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", "DROP TABLE a;");
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);

    CliProject.Result r = ok(p.run("new", "after both"));

    Migration m = SqlMigrationParser.parse("new", Files.readString(Path.of(r.out().strip())));
    assertThat(m.parents()).containsExactlyInAnyOrder("bbbb00000002", "cccc00000003");
  }

  @Test
  void headsListsEveryBranchAndSaysToMerge() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", null);
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);

    CliProject.Result r = ok(p.run("heads"));

    assertThat(r.outLines())
        .containsExactlyInAnyOrder(
            "bbbb00000002", "cccc00000003", "(2 heads: run 'retort merge' to join them)");
    // --quiet keeps the ids, drops the advice.
    assertThat(ok(p.run("heads", "--quiet")).outLines())
        .containsExactlyInAnyOrder("bbbb00000002", "cccc00000003");
  }

  @Test
  void mergeWritesOneRevisionOverAllHeads() throws Exception {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", null);
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);

    CliProject.Result r = ok(p.run("merge", "-m", "join b and c"));

    Path file = Path.of(r.out().strip());
    assertThat(file.getFileName().toString()).endsWith("_join_b_and_c.sql");
    Migration m = SqlMigrationParser.parse("merge", Files.readString(file));
    assertThat(m.parents()).containsExactlyInAnyOrder("bbbb00000002", "cccc00000003");
    assertThat(m.description()).isEqualTo("join b and c");
    assertThat(ok(p.run("heads")).outLines()).containsExactly(m.id());
  }

  @Test
  void mergeWithOneHeadIsAUsageError() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", null);

    String error = oneLineError(p.run("merge"), 2);

    assertThat(error).contains("only one head (aaaa00000001)").contains("nothing to merge");
    assertThat(p.migrationFiles()).hasSize(1);
  }

  @Test
  void upgradeWithTwoHeadsRefusesAndNamesRetortMerge() {
    CliProject p = CliProject.sqlite(tmp);
    p.migration("001_a", "aaaa00000001", null, "CREATE TABLE a (x INT);", null);
    p.migration("002_b", "bbbb00000002", "aaaa00000001", "CREATE TABLE b (x INT);", null);
    p.migration("003_c", "cccc00000003", "aaaa00000001", "CREATE TABLE c (x INT);", null);

    String error = oneLineError(p.run("upgrade"), 2);

    assertThat(error).contains("bbbb00000002").contains("cccc00000003").contains("retort merge");
    assertThat(p.tables()).isEmpty();
  }

  @Test
  void helpListsEveryCommand() {
    CliProject.Result r = ok(CliProject.runRaw("--help"));

    for (String command :
        List.of(
            "init",
            "new",
            "upgrade",
            "downgrade",
            "current",
            "heads",
            "history",
            "status",
            "stamp",
            "show",
            "validate",
            "merge",
            "sql",
            "resolve")) {
      assertThat(r.out()).as(command).containsPattern("(?m)^\\s+" + command + "\\s");
    }
    assertThat(ok(CliProject.runRaw("upgrade", "--help")).out())
        .contains("--dry-run")
        .contains("--lock-timeout");
  }

  @Test
  void unknownOptionIsExit2WithASuggestion() {
    CliProject p = CliProject.sqlite(tmp);

    CliProject.Result r = p.run("upgrade", "--dry-rn");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--dry-rn'").contains("--dry-run");
    assertThat(r.err()).contains("Run 'retort upgrade --help'.").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    assertThat(p.db).doesNotExist();
  }

  @Test
  void unknownCommandIsExit2WithASuggestion() {
    CliProject.Result r = CliProject.runRaw("upgrad");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("upgrad").contains("upgrade").doesNotContain("\tat ");
  }

  @Test
  void missingArgumentIsExit2() {
    CliProject p = CliProject.sqlite(tmp);

    CliProject.Result r = p.run("downgrade");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("TARGET").contains("retort downgrade --help");
  }
}

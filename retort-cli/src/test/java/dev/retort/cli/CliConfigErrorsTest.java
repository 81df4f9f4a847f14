package dev.retort.cli;

import static dev.retort.cli.CliAssertions.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in retort.toml, in migration files and in arguments: exit 2, one line, what to do. */
class CliConfigErrorsTest {
  @TempDir Path tmp;

  @Test
  void missingConfigFileSaysRetortInitOrConfig() {
    Path missing = tmp.resolve("nowhere").resolve("retort.toml");

    String error = oneLineError(CliProject.runRaw("--config", missing.toString(), "upgrade"), 2);

    assertThat(error).contains(missing.toString()).contains("not found");
    assertThat(error).contains("retort init").contains("--config");
  }

  @Test
  void unknownProfileListsTheDefinedProfiles() {
    CliProject p = CliProject.sqlite(tmp);
    p.writeConfig(
        "url = \"jdbc:sqlite:app.db\"\n"
            + "[profiles.prod]\nurl = \"jdbc:sqlite:prod.db\"\n"
            + "[profiles.staging]\nurl = \"jdbc:sqlite:staging.db\"\n");

    String error = oneLineError(p.run("--profile", "prdo", "status"), 2);

    assertThat(error).contains("unknown profile 'prdo'").contains("did you mean 'prod'");
    assertThat(error).contains("prod, staging");
    assertThat(p.db).doesNotExist();
  }

  @Test
  void malformedHeaderNamesFileAndLine() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();
    CliProject.write(
        p.migrations.resolve("004_bad.sql"),
        "-- retort:revision d4d4d4d4d4d4\n"
            + "-- retort:parents c3c3c3c3c3c3\n"
            + "-- retort:transaction maybe\n"
            + "-- retort:up\n"
            + "CREATE TABLE t4 (id INT);\n");

    String error = oneLineError(p.run("upgrade"), 2);

    assertThat(error).contains("migrations/004_bad.sql:3:").contains("must be true or false");
    // A broken file stops everything: the good migrations before it did not run either.
    assertThat(p.tables()).isEmpty();
  }

  @Test
  void invalidRevisionIdNamesFileAndLine() {
    CliProject p = CliProject.sqlite(tmp);
    CliProject.write(
        p.migrations.resolve("001_bad.sql"),
        "-- retort:description x\n-- retort:revision not/valid\n-- retort:up\nSELECT 1;\n");

    String error = oneLineError(p.run("heads"), 2);

    assertThat(error).contains("migrations/001_bad.sql:2:").contains("'not/valid' is not valid");
  }

  @Test
  void unknownDirectiveIsAnErrorNotAComment() {
    CliProject p = CliProject.sqlite(tmp);
    CliProject.write(
        p.migrations.resolve("001_typo.sql"),
        "-- retort:revision a1a1a1a1a1a1\n"
            + "-- retort:transction false\n"
            + "-- retort:up\n"
            + "CREATE TABLE t1 (id INT);\n");

    String error = oneLineError(p.run("upgrade"), 2);

    assertThat(error)
        .contains("migrations/001_typo.sql:2:")
        .contains("unknown directive 'retort:transction'")
        .contains("retort:transaction");
    assertThat(p.tables()).isEmpty();
  }

  @Test
  void unknownTargetIsExit2() {
    CliProject p = CliProject.sqlite(tmp);
    p.threeMigrations();

    String error = oneLineError(p.run("upgrade", "ffff"), 2);

    assertThat(error).contains("no revision matches 'ffff'").contains("retort history");
    assertThat(p.tables()).isEmpty();
    assertThat(oneLineError(p.run("show", "ffff"), 2)).contains("'ffff'");
    assertThat(oneLineError(p.run("downgrade", "+1"), 2)).contains("+1");
  }

  @Test
  void missingMigrationsFolderSaysHowToCreateIt() {
    CliProject p = CliProject.sqlite(tmp);
    p.writeConfig("url = \"jdbc:sqlite:app.db\"\nmigrations = [\"migratoins\"]\n");

    String error = oneLineError(p.run("heads"), 2);

    assertThat(error).contains("migratoins").contains("does not exist").contains("retort init");
  }

  /**
   * A password in retort.toml must not leak, even when the connection fails: the driver's message,
   * the URL and the config are all candidates for echoing it.
   */
  @Test
  void passwordNeverAppearsWhenTheServerCannotBeReached() {
    CliProject p = CliProject.sqlite(tmp);
    p.writeConfig(
        "url = \"jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2\"\n"
            + "user = \"app\"\n"
            + "password = \"secret-pw-123\"\n");

    for (String command : new String[] {"upgrade", "status", "current"}) {
      CliProject.Result r = p.run(command);
      String error = oneLineError(r, 1);
      assertThat(error).as(command).contains("cannot connect").contains("127.0.0.1:1");
      assertThat(r.out() + r.err()).as(command).doesNotContain("secret-pw-123");
    }
  }
}

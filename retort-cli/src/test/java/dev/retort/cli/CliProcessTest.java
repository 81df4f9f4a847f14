package dev.retort.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code retort} process: exit codes as the shell sees them (through {@link Main#main}'s
 * System.exit), and everything it writes, logging included, on stdout and stderr.
 */
class CliProcessTest {
  @TempDir Path tmp;

  /** Runs {@code retort ARGS} in a new JVM in {@code workDir}, without RETORT_* variables. */
  private CliProject.Result retort(Path workDir, String... args) throws Exception {
    return retort(workDir, List.of(), args);
  }

  /** The same with extra {@code NAME=value} environment variables. */
  private CliProject.Result retort(Path workDir, List<String> env, String... args)
      throws Exception {
    List<String> command = CliProcesses.javaCommand(Main.class, null);
    command.addAll(List.of(args));
    return CliProcesses.run(tmp, workDir, command, env);
  }

  private static void noStackTrace(CliProject.Result r) {
    assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.out()).as(r.toString()).doesNotContain("\tat ");
  }

  @Test
  void upgradeExits0AndPrintsOnlyToStdout() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();

    CliProject.Result r = retort(p.dir, "upgrade");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    assertThat(r.outLines()).hasSize(4).last().asString().endsWith("database at c3c3c3c3c3c3");
    assertThat(p.appliedRevisions()).hasSize(3);
    // retort.toml was found in the working directory; the database sits beside it.
    assertThat(p.db).isRegularFile();
  }

  @Test
  void aNoOpUpgradeUsesTheSourceCacheAndAnEditStillFails() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();
    Path cache = tmp.resolve("xdg");
    List<String> env = List.of("XDG_CACHE_HOME=" + cache);
    try (var files = Files.list(p.migrations)) {
      for (Path f : files.toList()) {
        Files.setLastModifiedTime(
            f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
      }
    }

    assertThat(retort(p.dir, env, "upgrade").exit()).isZero();
    try (var files = Files.list(cache.resolve("retort"))) {
      assertThat(files.toList()).hasSize(1).first().satisfies(f -> assertThat(f).isRegularFile());
    }
    CliProject.Result again = retort(p.dir, env, "upgrade");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("up to date");

    // Proof that the no-op read the cache, not the file: a file made unreadable garbage of the
    // same size and time (the one edit the cache cannot see, as documented) goes unnoticed.
    Path first;
    try (var files = Files.list(p.migrations)) {
      first = files.sorted().findFirst().orElseThrow();
    }
    String text = Files.readString(first);
    var time = Files.getLastModifiedTime(first);
    Files.writeString(first, "x".repeat(text.length()));
    Files.setLastModifiedTime(first, time);
    assertThat(retort(p.dir, env, "upgrade").out()).contains("up to date");
    assertThat(retort(p.dir, List.of("RETORT_SOURCE_CACHE=off"), "upgrade").exit())
        .as("without the cache the file is read")
        .isEqualTo(2);

    Files.writeString(first, text.replace("CREATE", "create"));
    CliProject.Result edited = retort(p.dir, env, "upgrade");
    assertThat(edited.exit()).as(edited.toString()).isEqualTo(4);
    assertThat(edited.err()).contains("was changed after it was applied");
  }

  @Test
  void libraryWarningsAreOneLineOnStderr() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();
    Files.writeString(p.migrations.resolve("README.md"), "notes");

    CliProject.Result r = retort(p.dir, "upgrade");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err().lines().toList())
        .containsExactly(
            "retort: warning: ignoring " + p.migrations.resolve("README.md") + ": not a .sql file");
  }

  @Test
  void statusCheckExits3WhilePending() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();

    CliProject.Result r = retort(tmp, "--config", p.config.toString(), "status", "--check");

    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).contains("3 pending");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validateExits4AfterAnAppliedMigrationChanged() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();
    CliAssertions.ok(p.run("upgrade"));
    Path t1 = p.migrations.resolve("001_create_t1.sql");
    CliProject.write(t1, CliProject.read(t1).replace("'one;two'", "'three'"));

    CliProject.Result r = retort(p.dir, "validate");

    assertThat(r.exit()).as(r.toString()).isEqualTo(4);
    assertThat(r.out()).startsWith("checksum_mismatch: migrations/001_create_t1.sql");
    noStackTrace(r);
  }

  @Test
  void failingMigrationExits1WithOneLineAndNoStackTrace() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.migration("001_broken", "a1a1a1a1a1a1", null, "CREATE TABLE t1 (id INT) garbage;", null);

    CliProject.Result r = retort(p.dir, "upgrade");

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err())
        .contains("migrations/001_broken.sql:4, statement 1 of 1")
        .contains("unknown table option: garbage");
    noStackTrace(r);
  }

  @Test
  void noConfigInTheWorkingDirectoryExits2SayingRetortInit() throws Exception {
    CliProject.Result r = retort(tmp, "upgrade");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err())
        .contains(tmp.toRealPath().resolve("retort.toml").toString())
        .contains("retort init")
        .contains("--config");
    noStackTrace(r);
  }

  /** In a real process the logs are captured too: the password must not leak through them. */
  @Test
  void passwordAppearsNowhereWhenTheConnectionFails() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.writeConfig(
        "url = \"jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2\"\n"
            + "user = \"app\"\n"
            + "password = \"secret-pw-123\"\n");

    CliProject.Result r = retort(p.dir, "upgrade");

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("cannot connect");
    assertThat(r.out() + r.err()).doesNotContain("secret-pw-123");
    noStackTrace(r);
  }

  @Test
  void migrationLockHeldByAnotherProcessEndsTheWaitNamingIt() throws Exception {
    CliProject p = CliProject.sqlite(tmp.resolve("project"));
    p.threeMigrations();
    List<String> command = CliProcesses.javaCommand(CliLockHolderMain.class, null);
    command.add(p.db.toString());
    Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8))) {
      String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
      assertThat(first).isEqualTo("locked " + holder.pid());

      CliProject.Result r = retort(p.dir, "upgrade", "--lock-timeout", "1s");

      assertThat(r.exit()).as(r.toString()).isEqualTo(1);
      assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
      assertThat(r.err())
          .contains("app.db.retort.lock is held by process " + holder.pid() + "@")
          .contains("waited 1s")
          .contains("--lock-timeout");
      noStackTrace(r);
      assertThat(p.appliedRevisions()).isEmpty();
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    assertThat(holder.exitValue()).isZero();
    // The holder let go: the same command now succeeds.
    CliAssertions.ok(p.run("upgrade", "--lock-timeout", "1s"));
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.cli.Main;
import dev.retort.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The retort command in child processes against one test database and one migrations folder: the
 * URL goes in {@code --url}, the password (if any) in {@code RETORT_PASSWORD}, as a deploy would.
 */
final class Cli {
  /** Far longer than any command here takes; a hang fails the test instead of the build. */
  static final Duration MAX = Duration.ofSeconds(120);

  private final TestDatabase db;
  private final Path migrations;
  private final Path dir;

  /**
   * @param dir working directory of the children and home of their output files
   */
  Cli(TestDatabase db, Path migrations, Path dir) {
    this.db = db;
    this.migrations = migrations;
    this.dir = dir;
  }

  /** Starts {@code retort <connection options> args}. */
  Child start(String... args) {
    return Child.start(dir, Main.class.getName(), commandLine(args), env());
  }

  /**
   * Starts a child that warms up, creates {@code ready}, waits for {@code go} to exist and only
   * then runs {@code retort <connection options> args}.
   */
  Child startAtBarrier(Path ready, Path go, String... args) {
    List<String> all = new ArrayList<>(List.of(ready.toString(), go.toString()));
    all.addAll(commandLine(args));
    return Child.start(dir, BarrierMain.class.getName(), all, env());
  }

  /** Runs {@code retort <connection options> args} to its end. */
  Child.Result run(String... args) throws InterruptedException {
    try (Child child = start(args)) {
      return child.await(MAX);
    }
  }

  /**
   * Runs {@code retort <connection options> args} in a child that has loaded the CLI already; the
   * result's wall time counts from the go signal, so JVM start-up on a busy machine does not count.
   */
  Child.Result runWarm(String... args) throws Exception {
    return runWarm(() -> {}, args);
  }

  /** Like {@link #runWarm(String...)}, starting {@code atGo} the moment the child is let go. */
  Child.Result runWarm(Runnable atGo, String... args) throws Exception {
    String name = UUID.randomUUID().toString();
    Path ready = dir.resolve("ready-" + name);
    Path go = dir.resolve("go-" + name);
    try (Child child = startAtBarrier(ready, go, args)) {
      awaitFile(child, ready);
      long start = System.nanoTime();
      Files.createFile(go);
      atGo.run();
      Child.Result r = child.await(MAX);
      return new Child.Result(
          r.exit(), r.out(), r.err(), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Waits until {@code child} has created {@code file}; fails if it dies first. */
  static void awaitFile(Child child, Path file) throws InterruptedException {
    long deadline = System.nanoTime() + MAX.toNanos();
    while (!Files.exists(file)) {
      assertThat(child.isAlive())
          .as("child died before creating %s; stderr: %s", file.getFileName(), child.stderr())
          .isTrue();
      assertThat(System.nanoTime()).as("child ready in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** A child holding the database's migration lock, see {@link LockHolderMain}. */
  Child startLockHolder() {
    List<String> args = new ArrayList<>(List.of(db.jdbcUrl()));
    if (db.user() != null) {
      args.add(db.user());
    }
    return Child.start(dir, LockHolderMain.class.getName(), args, env());
  }

  private List<String> commandLine(String... args) {
    List<String> all = new ArrayList<>(List.of("--url", db.jdbcUrl()));
    if (db.user() != null) {
      all.addAll(List.of("--user", db.user()));
    }
    all.addAll(List.of("--migrations", migrations.toString()));
    all.addAll(List.of(args));
    return all;
  }

  private Map<String, String> env() {
    String password = db.password();
    return password == null || password.isEmpty() ? Map.of() : Map.of("RETORT_PASSWORD", password);
  }
}

package dev.retort.concurrency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this test's class path, its stdout and stderr in files so that nothing blocks on a
 * full pipe and the parent can watch its progress. Started by {@link Cli}.
 */
final class Child implements AutoCloseable {
  /**
   * The launcher script's flags, which about halve a short-lived CLI's CPU time, and one compiler
   * thread: dozens of these JVMs share two cores. The heap cap keeps sixteen of them small.
   */
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:+UseSerialGC",
          "-XX:-UsePerfData",
          "-Xshare:auto",
          "-Xmx192m");

  private final Process process;
  private final Path out;
  private final Path err;
  private final long startNanos;

  private Child(Process process, Path out, Path err, long startNanos) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.startNanos = startNanos;
  }

  /**
   * Starts {@code mainClass args} in {@code dir} (also its working directory, so that no stray
   * retort.toml is read) with {@code env} added to an environment cleared of RETORT_* settings.
   */
  static Child start(Path dir, String mainClass, List<String> args, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    try {
      Path out = Files.createTempFile(dir, "child", ".out");
      Path err = Files.createTempFile(dir, "child", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("RETORT_"));
      builder.environment().putAll(env);
      long start = System.nanoTime();
      return new Child(builder.start(), out, err, start);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a child JVM", e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** What the child has printed so far. */
  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  /** Waits for the child to end by itself, failing the test if it takes longer than {@code max}. */
  Result await(Duration max) throws InterruptedException {
    boolean ended = process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
    Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
    if (!ended) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(ended)
        .as("child still running after %s; stdout: %s; stderr: %s", max, stdout(), stderr())
        .isTrue();
    return new Result(process.exitValue(), stdout(), stderr(), wall);
  }

  /** SIGKILL on Unix: no shutdown hook, no finally block, no clean disconnect. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed child ended").isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a child ended. */
  record Result(int exit, String out, String err, Duration wall) {
    /** For assertion messages: never the command line, which may carry a URL with credentials. */
    String describe() {
      return "exit "
          + exit
          + " after "
          + wall.toMillis()
          + " ms; stdout: "
          + out
          + "; stderr: "
          + err;
    }
  }
}

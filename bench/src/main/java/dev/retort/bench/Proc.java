package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Child processes: timed command lines and forked benchmark JVMs. */
final class Proc {
  /** No single measured process may run longer; the run fails rather than hangs. */
  static final long TIMEOUT_MINUTES = 15;

  private Proc() {}

  /** The output of a finished command. */
  record Done(int exit, String output, double millis) {}

  /**
   * Runs {@code command} in {@code dir}, output to {@code log} (appended: a record of every run);
   * the time is wall time from start to exit, as a shell's {@code time} measures it.
   */
  static Done run(List<String> command, Path dir, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectErrorStream(true);
    Path out = Files.createTempFile(log.getParent(), "out", ".txt");
    pb.redirectOutput(out.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    int exit;
    try {
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException(
            "no result after " + TIMEOUT_MINUTES + " minutes: " + String.join(" ", command));
      }
      exit = p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    String text = Files.readString(out);
    Files.delete(out);
    Files.writeString(
        log,
        "$ " + String.join(" ", command) + "\n" + text + "exit " + exit + ", " + ms + " ms\n\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return new Done(exit, text, ms);
  }

  /** Runs a command and fails unless it exits 0. */
  static Done check(List<String> command, Path dir, Path log) throws IOException {
    Done d = run(command, dir, log);
    if (d.exit() != 0) {
      throw new IllegalStateException(
          "failed (exit " + d.exit() + "): " + String.join(" ", command) + "\n" + d.output());
    }
    return d;
  }

  /**
   * Runs {@code main} of this module in a new JVM with the harness's own classpath and returns the
   * numbers on its {@code RESULT} line.
   */
  static List<Double> fork(List<String> jvmFlags, String main, List<String> args, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.retort.bench." + main);
    cmd.addAll(args);
    Done d = check(cmd, log.getParent(), log);
    for (String line : d.output().split("\n")) {
      if (line.startsWith("RESULT")) {
        List<Double> values = new ArrayList<>();
        for (String part : line.substring("RESULT".length()).trim().split("\\s+")) {
          if (!part.contains("=")) {
            values.add(Double.parseDouble(part));
          }
        }
        return values;
      }
    }
    throw new IllegalStateException(main + " printed no RESULT line:\n" + d.output());
  }

  /** The line a forked main ends with, which {@link #fork} reads: its timings in ms. */
  static void printResult(List<Double> millis) {
    StringBuilder line = new StringBuilder("RESULT");
    for (double ms : millis) {
      line.append(' ').append(String.format(Locale.ROOT, "%.1f", ms));
    }
    System.out.println(line);
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

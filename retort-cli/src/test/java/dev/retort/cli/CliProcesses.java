package dev.retort.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code retort} command line run as a process of its own, as the process tests need it. */
final class CliProcesses {
  private CliProcesses() {}

  /**
   * {@code java} with this JVM's class path, {@code first} (when not null) ahead of it, then {@code
   * flags} and {@code main}: a command line to add arguments to.
   */
  static List<String> javaCommand(Class<?> main, Path first, String... flags) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    // A short-lived CLI: the C1 compiler and the serial collector start fastest on a busy machine.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(flags));
    command.add("-cp");
    String classPath = System.getProperty("java.class.path");
    command.add(first == null ? classPath : first + File.pathSeparator + classPath);
    command.add(main.getName());
    return command;
  }

  /**
   * Runs {@code command} (a whole {@code java ...} command line) in {@code workDir} without
   * RETORT_* variables, plus {@code NAME=value} entries of {@code env}; its output goes through
   * files in {@code tmp}. Fails the test when it runs longer than a minute.
   */
  static CliProject.Result run(Path tmp, Path workDir, List<String> command, List<String> env)
      throws Exception {
    Path out = Files.createTempFile(tmp, "retort", ".out");
    Path err = Files.createTempFile(tmp, "retort", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("RETORT_"));
    for (String variable : env) {
      int eq = variable.indexOf('=');
      builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
    }
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end in 60 s");
    }
    return new CliProject.Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}

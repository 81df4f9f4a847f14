package dev.retort.lock;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link LockHolderMain}; its stderr goes to a file for failure messages. */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Path err;

  ChildProcess(Path dir, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LockHolderMain.class.getName());
    command.addAll(args);
    err = Files.createTempFile(dir, "child", ".err");
    process = new ProcessBuilder(command).redirectError(err.toFile()).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
  }

  /** The child's first line of output, waiting at most 30 s (a JVM start on a busy machine). */
  String firstLine() throws Exception {
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(30, TimeUnit.SECONDS);
    assertThat(line).as("child output; stderr: %s", Files.readString(err)).isNotNull();
    return line;
  }

  /** SIGKILL on Unix: no shutdown hook, no finally block, no clean disconnect. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

package dev.retort.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, after all tests of a run, which databases were tested and which were not and why, so a
 * green build cannot hide that, say, MariaDB was never exercised. Registered for every module with
 * this one on its test class path through {@code META-INF/services}; not for direct use.
 */
public final class DatabaseSummaryListener implements TestExecutionListener {
  private final Map<String, Integer> skipped = new ConcurrentHashMap<>();
  private final Map<String, String> skipReasons = new ConcurrentHashMap<>();
  private final Map<String, Integer> failed = new ConcurrentHashMap<>();

  /** Called by the JUnit Platform's service loader. */
  public DatabaseSummaryListener() {}

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    String message = result.getThrowable().map(Throwable::getMessage).orElse("");
    for (String label : Reports.LABELS) {
      if (result.getStatus() == TestExecutionResult.Status.FAILED
          && message.startsWith(Availability.unusableMessagePrefix(label))) {
        failed.merge(label, 1, Integer::sum);
      }
      String prefix = Availability.notTestedMessagePrefix(label);
      if (result.getStatus() == TestExecutionResult.Status.ABORTED && message.startsWith(prefix)) {
        skipped.merge(label, 1, Integer::sum);
        skipReasons.putIfAbsent(label, message.substring(prefix.length()));
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    List<String> lines = Reports.summary(skipped, skipReasons, failed);
    if (lines.isEmpty()) {
      return;
    }
    PrintStream out = console();
    for (String line : lines) {
      out.println(line);
    }
    out.flush();
  }

  /**
   * The process's own stderr. Surefire (redirectTestOutputToFile) swaps System.out/err for capture
   * into report files, and uses the forked JVM's native stdout as its event channel (writing there
   * is reported as a "corrupted channel"), but it copies native stderr to the build console.
   */
  private static PrintStream console() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }
}

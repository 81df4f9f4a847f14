package dev.retort.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What this JVM's tests got from {@link TestDatabases}, for {@link DatabaseSummaryListener}. */
final class Reports {
  static final List<String> KINDS = List.of("sqlite", "postgresql", "mariadb");
  static final List<String> LABELS = List.of(PostgresServers.LABEL, MariaDbServers.LABEL);

  private static final Map<String, String> used = new LinkedHashMap<>();
  private static final Map<String, String> notTested = new LinkedHashMap<>();
  private static final Map<String, String> failed = new LinkedHashMap<>();

  private Reports() {}

  /** A database of {@code kind} was created; {@code description} names the server, if any. */
  static synchronized void used(String kind, String description) {
    used.putIfAbsent(kind, description);
  }

  static synchronized void notTested(String label, String reason) {
    notTested.put(label, reason);
  }

  static synchronized void failed(String label, String reason) {
    failed.put(label, reason);
  }

  /**
   * The summary lines, empty when no test asked for a database.
   *
   * @param skipped per label, how many tests were skipped with "{@code <label> not tested: ...}"
   * @param skipReasons per label, the reason those tests gave (used when this class never saw the
   *     decision itself, e.g. when loaded by another class loader than the tests')
   * @param failedTests per label, how many tests failed because its configured server is unusable
   */
  static synchronized List<String> summary(
      Map<String, Integer> skipped,
      Map<String, String> skipReasons,
      Map<String, Integer> failedTests) {
    List<String> lines = new ArrayList<>();
    for (String label : LABELS) {
      String reason = notTested.getOrDefault(label, skipReasons.get(label));
      if (reason != null) {
        lines.add("NOT TESTED: " + label + " - " + reason + tests(skipped.get(label), "skipped"));
      }
      if (failed.containsKey(label)) {
        lines.add(
            "FAILED: "
                + label
                + " - "
                + failed.get(label)
                + tests(failedTests.get(label), "failed"));
      }
    }
    List<String> tested = new ArrayList<>();
    for (String kind : KINDS) {
      if (used.containsKey(kind)) {
        String description = used.get(kind);
        tested.add(description == null ? kind : kind + " (" + description + ")");
      }
    }
    if (!tested.isEmpty()) {
      lines.add("Databases tested: " + String.join(", ", tested));
    }
    return lines;
  }

  private static String tests(Integer count, String outcome) {
    int n = count == null ? 0 : count;
    return " (" + n + (n == 1 ? " test " : " tests ") + outcome + ")";
  }
}

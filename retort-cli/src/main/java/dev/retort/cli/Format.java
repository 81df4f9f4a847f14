package dev.retort.cli;

import java.time.Duration;
import java.util.List;

/** Small formatting helpers shared by the commands' output. */
final class Format {
  private Format() {}

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  static String heads(List<String> heads) {
    return heads.isEmpty() ? "base (nothing applied)" : String.join(", ", heads);
  }
}

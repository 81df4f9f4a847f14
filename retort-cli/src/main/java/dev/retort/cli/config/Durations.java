package dev.retort.cli.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 500ms}, {@code 2s}, {@code 5m}, {@code
 * 1h}.
 */
final class Durations {
  static final String EXPECTED = "a whole number with a unit: 500ms, 2s, 5m or 1h";

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

  /** The duration, or null if {@code text} is not of the expected form. */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private Durations() {}
}

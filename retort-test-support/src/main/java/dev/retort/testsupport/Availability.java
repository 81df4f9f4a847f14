package dev.retort.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether a server kind can be had in this JVM, decided once: a server, a reason to skip (nothing
 * configured and nothing embedded could start) or a reason to fail (a configured server is broken:
 * the user asked for it, so its tests must not quietly pass as skipped).
 */
final class Availability {
  private final String label;
  private final Server server;
  private final String skipReason;
  private final String failure;

  private Availability(String label, Server server, String skipReason, String failure) {
    this.label = label;
    this.server = server;
    this.skipReason = skipReason;
    this.failure = failure;
  }

  static Availability available(String label, Server server) {
    return new Availability(label, server, null, null);
  }

  static Availability skipped(String label, String reason) {
    Reports.notTested(label, reason);
    return new Availability(label, null, reason, null);
  }

  static Availability failed(String label, String reason) {
    Reports.failed(label, reason);
    return new Availability(label, null, null, reason);
  }

  /** True unless tests would be skipped; a failing configured server counts as offered. */
  boolean offered() {
    return skipReason == null;
  }

  /**
   * The server, or aborts the calling test with "{@code <Label> not tested: <reason>}" (JUnit
   * reports it as skipped), or fails it when the configured server is broken.
   */
  Server require() {
    if (server != null) {
      return server;
    }
    if (failure != null) {
      throw new IllegalStateException(unusableMessagePrefix(label) + failure);
    }
    return Assumptions.abort(notTestedMessagePrefix(label) + skipReason);
  }

  static String notTestedMessagePrefix(String label) {
    return label + " not tested: ";
  }

  static String unusableMessagePrefix(String label) {
    return label + " test server unusable: ";
  }
}

package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the CLI tests: exit codes and the shape of error output. */
final class CliAssertions {
  private CliAssertions() {}

  /** Exit 0 and nothing on stderr. */
  static CliProject.Result ok(CliProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    return r;
  }

  /**
   * The given exit code and exactly one line on stderr, {@code retort: error: ...}, with no stack
   * trace; returns that line.
   */
  static String oneLineError(CliProject.Result r, int exit) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    String line = r.err().strip();
    assertThat(line).as(r.toString()).startsWith("retort: error: ");
    assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    return line;
  }
}

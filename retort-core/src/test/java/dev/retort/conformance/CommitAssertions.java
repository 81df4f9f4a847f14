package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What a command must say when its connection died with a commit on its way. */
final class CommitAssertions {
  private CommitAssertions() {}

  /**
   * {@code command} fails saying that the commit of {@code revision} may or may not have happened.
   */
  static void failsWithCommitOutcomeUnknown(ThrowingCallable command, String revision) {
    assertThatThrownBy(command)
        .isInstanceOfSatisfying(
            RetortException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
              assertThat(e.getMessage())
                  .startsWith("commit of " + revision + " (")
                  .contains("the connection was lost during the commit")
                  .contains("whether it went through is unknown")
                  .doesNotContain("rolled back");
            });
  }
}

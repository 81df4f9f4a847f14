package dev.retort;

/**
 * The one exception Retort throws. Its message is a single line that says what was seen, where
 * (file, line, statement, revision) and what to do next; the cause, if any, is the original {@link
 * java.sql.SQLException} or {@link java.io.IOException}, never swallowed.
 */
public class RetortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public RetortException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public RetortException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

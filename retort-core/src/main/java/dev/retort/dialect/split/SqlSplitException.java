package dev.retort.dialect.split;

/**
 * A script that cannot be split into statements. Carries the 1-based line within the script so that
 * the caller can name the file and the line in the message it shows the user.
 */
public final class SqlSplitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String problem;

  public SqlSplitException(int line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
    this.problem = problem;
  }

  public int line() {
    return line;
  }

  /** What is wrong and what to do, without the line number. */
  public String problem() {
    return problem;
  }
}

package dev.retort.schema.sqlite;

/**
 * Told how far the copy step of a table rebuild has got. Called on the rebuilding thread after each
 * chunk of rows; throwing from it aborts the rebuild, which then rolls back.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param rowsCopied rows copied so far
   * @param totalRows rows in the table when the copy started
   */
  void progress(long rowsCopied, long totalRows);
}

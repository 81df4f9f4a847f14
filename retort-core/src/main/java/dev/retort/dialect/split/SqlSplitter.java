package dev.retort.dialect.split;

import java.util.List;

/**
 * Splits a script into statements the way the database's own client would, so that a semicolon
 * inside a string, identifier, comment or procedure body never ends a statement.
 */
public interface SqlSplitter {
  /**
   * Returns the statements of {@code script} in order, with empty statements and comment-only
   * statements dropped.
   *
   * @throws SqlSplitException for text the database cannot run through JDBC (an unterminated string
   *     or comment, a psql meta-command, COPY FROM stdin), naming the line
   */
  List<SqlStatement> split(String script);
}

package dev.retort.lock;

import dev.retort.ConnectionSource;
import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.execute.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection a server lock is held on, apart from the command's own. */
final class LockConnections {
  private LockConnections() {}

  /**
   * A new connection for the lock. The command's connection stays open meanwhile, so a pool that
   * gives only one connection at a time times out here: the message says how many it must give.
   */
  static Connection open(ConnectionSource source, String lockName) {
    try {
      return source.open();
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot open a connection for the migration lock "
              + lockName
              + ": "
              + SqlErrors.message(e)
              + "; the lock is held on a connection of its own while the command's connection"
              + " stays open, so a DataSource must give Retort at least 2 connections at once (3"
              + " for check and diff)",
          e);
    }
  }
}

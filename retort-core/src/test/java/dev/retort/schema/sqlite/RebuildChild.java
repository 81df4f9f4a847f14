package dev.retort.schema.sqlite;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * Runs in a child JVM started by {@link SqliteRebuildKillTest}: rebuilds table {@code big} of the
 * given database slowly, printing each chunk so the parent knows the copy is under way and can kill
 * this process in the middle of it.
 */
final class RebuildChild {
  private RebuildChild() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = SqliteFiles.open(Path.of(args[0]))) {
      SqliteTableRebuild.of("big", d -> d.dropColumn("payload"))
          .withChunkRows(1000)
          .withProgress(
              (done, total) -> {
                System.out.println("copied " + done + " of " + total);
                System.out.flush();
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })
          .run(c);
      System.out.println("done");
    }
  }
}

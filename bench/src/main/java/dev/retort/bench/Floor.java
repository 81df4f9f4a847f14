package dev.retort.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The floors of scenario 2: the same SQL as plain JDBC and nothing else (no history table, no file
 * reading, no checks). {@code each}: one transaction per migration, each commit waiting for the
 * disk; no tool that commits so can be faster. {@code deferred} (PostgreSQL): the same with one
 * disk flush at the end, as Retort does ({@code synchronous_commit = off}, then a last commit that
 * waits), each statement in a round trip of its own; Retort, which sends consecutive migrations in
 * one batch, can go below it. {@code one}: every migration in one transaction, sent to PostgreSQL
 * as one script in one round trip; what the database itself needs for the DDL, which no client can
 * go below. Same protocol as {@link Apply}: one untimed run, then RUNS timed ones on fresh
 * databases.
 *
 * <p>Usage: {@code Floor sqlite|postgres N RUNS WORK_DIR [each|deferred|one]}
 */
public final class Floor {
  private Floor() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int n = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    String mode = args.length > 4 ? args[4] : "each";
    if (!List.of("each", "one").contains(mode)
        && !(mode.equals("deferred") && kind.equals("postgres"))) {
      throw new IllegalArgumentException("no floor '" + mode + "' on " + kind);
    }
    boolean one = mode.equals("one");
    boolean deferred = mode.equals("deferred");
    List<Double> took = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      try (Db db = Db.fresh(kind, work, "floor")) {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.url);
            Statement st = c.createStatement()) {
          if (deferred) {
            st.execute("SET synchronous_commit = off");
          }
          c.setAutoCommit(false);
          if (one && kind.equals("postgres")) {
            StringBuilder script = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              script.append(Gen.sql(i)).append('\n');
            }
            st.execute(script.toString());
          } else {
            for (int i = 1; i <= n; i++) {
              for (String sql : Gen.sql(i).split(";")) {
                if (!sql.isBlank()) {
                  st.execute(sql);
                }
              }
              if (!one) {
                c.commit();
              }
            }
          }
          c.commit();
          if (deferred) {
            // One commit that waits for the disk, which makes every earlier one durable too: a
            // transaction with an id writes a commit record, and it flushes all WAL before it.
            st.execute("SET synchronous_commit = on");
            st.execute("SELECT txid_current()");
            c.commit();
          }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (db.benchTables() != n) {
          throw new IllegalStateException("the floor run did not create " + n + " tables");
        }
        if (run > 0) {
          took.add(ms);
        }
      }
    }
    Proc.printResult(took);
  }
}

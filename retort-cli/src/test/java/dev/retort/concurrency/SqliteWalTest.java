package dev.retort.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retort issue 4, part 6: the CLI migrates a SQLite file that a running application has open.
 *
 * <p>In WAL mode a reader never blocks the writer: the migration works while the application sits
 * in a read transaction, which keeps seeing its snapshot. A writer does block it: the migration
 * waits for the busy timeout ({@code ddl_lock_timeout}, default 10 s) and succeeds if the
 * application commits meanwhile, or fails with exit 1 and a message that says the file is locked
 * and what to do. In the rollback-journal mode (SQLite's default) even a reader blocks the commit.
 */
class SqliteWalTest {
  private TestDatabase db;
  private Cli cli;

  @BeforeEach
  void setUp(@TempDir Path dir) throws Exception {
    db = TestDatabases.sqlite(dir);
    Queries.createCustomers(db, 100);
    MigrationFiles.chain(
        dir.resolve("migrations"),
        List.of(
            MigrationFiles.Up.of("ALTER TABLE customer ADD COLUMN email VARCHAR(200);"),
            MigrationFiles.Up.of(
                "CREATE TABLE invoice (id INTEGER NOT NULL PRIMARY KEY,"
                    + " customer_id INTEGER NOT NULL REFERENCES customer (id));\n"
                    + "INSERT INTO invoice (id, customer_id) SELECT id, id FROM customer;")));
    cli = new Cli(db, dir.resolve("migrations"), dir);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void readerInWalModeDoesNotBlockTheMigration() throws Exception {
    try (Connection app = db.connect()) {
      assertThat(pragma(app, "journal_mode = WAL")).isEqualTo("wal");
      app.setAutoCommit(false);
      assertThat(count(app, "SELECT count(*) FROM customer")).isEqualTo(100);

      Child.Result r = cli.runWarm("upgrade");
      assertThat(r.exit()).as(r.describe()).isZero();
      assertThat(r.out()).contains("applied 2 revision(s)");

      assertThat(count(app, "SELECT count(*) FROM sqlite_master WHERE name = 'invoice'"))
          .as("the application's read transaction keeps its snapshot")
          .isZero();
      app.commit();
      assertThat(count(app, "SELECT count(*) FROM invoice")).isEqualTo(100);
      assertThat(pragma(app, "journal_mode"))
          .as("Retort leaves the journal mode alone")
          .isEqualTo("wal");
    }
  }

  @Test
  void writerInWalModeThatCommitsWithinTheBusyTimeoutIsWaitedFor() throws Exception {
    try (Connection app = db.connect()) {
      pragma(app, "journal_mode = WAL");
      app.setAutoCommit(false);
      execute(app, "UPDATE customer SET balance = balance + 1 WHERE id = 1");

      Thread committer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1_500);
                  app.commit();
                } catch (InterruptedException | SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Child.Result r = cli.runWarm(committer::start, "upgrade");
      committer.join();
      System.out.printf(
          "upgrade behind a 1.5 s write transaction took %d ms%n", r.wall().toMillis());
      assertThat(r.exit()).as(r.describe()).isZero();
      assertThat(r.out()).contains("applied 2 revision(s)");
      assertThat(r.wall()).as("it waited for the commit").isGreaterThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  void writerInWalModeHeldPastTheBusyTimeoutFailsClearly() throws Exception {
    try (Connection app = db.connect()) {
      pragma(app, "journal_mode = WAL");
      app.setAutoCommit(false);
      execute(app, "UPDATE customer SET balance = balance + 1 WHERE id = 1");

      Child.Result r = cli.runWarm("upgrade", "--ddl-lock-timeout", "1s");
      System.out.printf("blocked upgrade after %d ms: %s", r.wall().toMillis(), r.err());
      assertThat(r.exit()).as(r.describe()).isEqualTo(1);
      assertLockedMessage(r);
      assertThat(r.wall()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      app.rollback();
    }
    Child.Result again = cli.run("upgrade");
    assertThat(again.exit()).as(again.describe()).isZero();
    assertThat(again.out()).contains("applied 2 revision(s)");
  }

  @Test
  void readerInRollbackJournalModeBlocksTheCommitAndFailsClearly() throws Exception {
    try (Connection app = db.connect()) {
      assertThat(pragma(app, "journal_mode")).isEqualTo("delete");
      app.setAutoCommit(false);
      assertThat(count(app, "SELECT count(*) FROM customer")).isEqualTo(100);

      Child.Result r = cli.runWarm("upgrade", "--ddl-lock-timeout", "1s");
      System.out.printf("upgrade behind a rollback-journal reader: %s", r.err());
      assertThat(r.exit()).as(r.describe()).isEqualTo(1);
      assertLockedMessage(r);
      app.commit();
    }
    assertThat(Queries.tableExists(db, "invoice")).isFalse();
  }

  private static void assertLockedMessage(Child.Result r) {
    assertThat(r.err().strip().lines()).as(r.describe()).hasSize(1);
    assertThat(r.err())
        .contains("database is locked")
        .contains("another connection or process holds a lock on the database")
        .contains("--ddl-lock-timeout");
  }

  private static String pragma(Connection c, String pragma) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}

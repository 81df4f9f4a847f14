package dev.retort;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.plan.Step;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's commit groups: migrations that run a moment apart share one transaction, each in a
 * savepoint. These tests watch from a second connection what has committed when each step starts.
 */
class SqliteCommitGroupTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
  }

  /** a1 creates table {@code one}, b2 inserts row 2 into it. */
  private void writeOneAndTwo() {
    write(folder, "001", "a1", "", "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
    write(folder, "002", "b2", "a1", "INSERT INTO one (id) VALUES (2);", null);
  }

  /** A Retort on the test's database and folder whose steps {@code listener} hears. */
  private Retort heard(RetortListener listener) {
    return Retort.configure().url(db.url(), null, null).location(folder).listener(listener).build();
  }

  /** Records, as each step starts, the revisions another connection sees committed. */
  private final class Watcher implements RetortListener {
    final List<String> seen = new ArrayList<>();

    @Override
    public void stepStarted(Step step) {
      seen.add(step.revision() + ":" + db.historyRevisions());
    }
  }

  /** A Java migration that inserts a row; it runs in a transaction of its own. */
  static final class AddsARow implements JavaMigration {
    @Override
    public String id() {
      return "j3";
    }

    @Override
    public List<String> parents() {
      return List.of("b2");
    }

    @Override
    public void up(Connection connection) throws Exception {
      try (Statement st = connection.createStatement()) {
        st.executeUpdate("INSERT INTO one (id) VALUES (3)");
      }
    }
  }

  @Test
  void whatCannotShareATransactionStartsAfterACommit() {
    writeOneAndTwo();
    // j3 (Java) comes between b2 and d4.
    MigrationFiles.write(
        folder,
        "004.sql",
        "-- retort:revision d4\n-- retort:parents j3\n-- retort:transaction false\n"
            + "-- retort:up\nINSERT INTO one (id) VALUES (4);\n");
    write(folder, "005", "e5", "d4", "INSERT INTO one (id) VALUES (5);", null);
    write(folder, "006", "f6", "e5", "INSERT INTO one (id) VALUES (6);", null);
    Watcher watcher = new Watcher();

    Retort.configure()
        .url(db.url(), null, null)
        .location(folder)
        .javaMigrations(new AddsARow())
        .listener(watcher)
        .build()
        .upgrade();

    assertThat(watcher.seen)
        .containsExactly(
            "a1:[]",
            "b2:[]",
            // A Java migration holds the connection and could end a shared transaction.
            "j3:[a1, b2]",
            // A migration without a transaction cannot run inside one.
            "d4:[a1, b2, j3]",
            "e5:[a1, b2, j3, d4]",
            "f6:[a1, b2, j3, d4]");
    assertThat(db.historyRevisions()).containsExactly("a1", "b2", "j3", "d4", "e5", "f6");
    assertThat(db.strings("SELECT id FROM one ORDER BY id"))
        .containsExactly("2", "3", "4", "5", "6");
  }

  @Test
  void aGroupCommitsOnceItHasBeenOpenForATenthOfASecond() {
    write(folder, "001", "a1", "", "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
    // Three million rows take well over a tenth of a second on any machine.
    write(
        folder,
        "002",
        "b2",
        "a1",
        "CREATE TABLE big AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
            + " WHERE x < 3000000) SELECT x FROM n;",
        null);
    write(folder, "003", "c3", "b2", "INSERT INTO one (id) VALUES (3);", null);
    write(folder, "004", "d4", "c3", "INSERT INTO one (id) VALUES (4);", null);
    Watcher watcher = new Watcher();

    Retort.configure()
        .url(db.url(), null, null)
        .location(folder)
        .listener(watcher)
        .build()
        .upgrade();

    assertThat(watcher.seen).containsExactly("a1:[]", "b2:[]", "c3:[a1, b2]", "d4:[a1, b2]");
    assertThat(db.strings("SELECT count(*) FROM big")).containsExactly("3000000");
  }

  @Test
  void aFailedCommitRollsBackTheGroupAndNamesIt() throws Exception {
    write(folder, "001", "a1", "", "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
    db.retort(folder).upgrade();
    write(folder, "002", "b2", "a1", "INSERT INTO one (id) VALUES (2);", null);
    write(folder, "003", "c3", "b2", "CREATE TABLE three (id INTEGER PRIMARY KEY);", null);

    // A reader in the middle of a read transaction: a rollback-journal commit must wait for it,
    // and gives up after the busy timeout (the lock timeout, on SQLite).
    try (Connection reader = DriverManager.getConnection(db.url())) {
      reader.setAutoCommit(false);
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM one")) {
        rs.next();
      }
      assertThatThrownBy(
              () ->
                  Retort.configure()
                      .url(db.url(), null, null)
                      .location(folder)
                      .ddlLockTimeout(Duration.ofMillis(300))
                      .build()
                      .upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage())
                    .contains("commit of 2 migrations, b2 to c3 failed: ")
                    .contains("SQLITE_BUSY")
                    .endsWith("; rolled back, earlier ones stay applied");
              });
      reader.rollback();
    }

    assertThat(db.historyRevisions()).containsExactly("a1");
    assertThat(db.objects()).containsExactly("table one");
    assertThat(db.strings("SELECT count(*) FROM one")).containsExactly("0");

    db.retort(folder).upgrade();
    assertThat(db.historyRevisions()).containsExactly("a1", "b2", "c3");
  }

  @Test
  void aListenerThatFailsDoesNotHideTheMigrationsError() {
    writeOneAndTwo();
    write(folder, "003", "c3", "b2", "INSERT INTO one (id) VALUES (2);", null);
    RetortListener broken =
        new RetortListener() {
          @Override
          public void stepFinished(Step step, Duration took) {
            throw new IllegalStateException("the listener broke on " + step.revision());
          }
        };

    assertThatThrownBy(() -> heard(broken).upgrade())
        .isInstanceOfSatisfying(
            RetortException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("upgrade of c3 failed", "UNIQUE")
                  .endsWith("this migration was rolled back, earlier ones stay applied");
              assertThat(e.getSuppressed())
                  .extracting(Throwable::getMessage)
                  .contains("the listener broke on a1", "the listener broke on b2");
            });
    assertThat(db.historyRevisions()).containsExactly("a1", "b2");
  }

  @Test
  void migrationsThatSucceededCommitWhenAListenerFailsBeforeTheNext() {
    writeOneAndTwo();
    write(folder, "003", "c3", "b2", "INSERT INTO one (id) VALUES (3);", null);
    RetortListener broken =
        new RetortListener() {
          @Override
          public void stepStarted(Step step) {
            if (step.revision().equals("c3")) {
              throw new IllegalStateException("the listener broke");
            }
          }
        };

    assertThatThrownBy(() -> heard(broken).upgrade()).hasMessage("the listener broke");
    assertThat(db.historyRevisions()).containsExactly("a1", "b2");
    assertThat(db.strings("SELECT id FROM one")).containsExactly("2");
  }

  @Test
  void aFailedDowngradeSaysThatTheOnesBeforeItStayReverted() {
    write(
        folder,
        "001",
        "a1",
        "",
        "CREATE TABLE one (id INTEGER PRIMARY KEY);\nINSERT INTO one (id) VALUES (1);",
        "DROP TABLE one;");
    write(folder, "002", "b2", "a1", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
    write(
        folder,
        "003",
        "c3",
        "b2",
        "CREATE TABLE three (id INTEGER);",
        "INSERT INTO one (id) VALUES (1);\nDROP TABLE three;");
    db.retort(folder).upgrade();

    // c3's down script fails alone: a plain failed downgrade.
    assertThatThrownBy(() -> db.retort(folder).downgrade("base"))
        .hasMessageContaining("downgrade of c3 failed")
        .hasMessageEndingWith("this downgrade was rolled back, earlier ones stay reverted");
    assertThat(db.historyRevisions()).containsExactly("a1", "b2", "c3");
  }

  @Test
  void aDowngradeThatEndsTheTransactionSaysWhichDowngradesItUndid() {
    // c3 and b2 revert, then a1's down script ends the whole transaction (INSERT OR ROLLBACK):
    // the two downgrades before it in the same transaction are undone with it.
    write(
        folder,
        "001",
        "a1",
        "",
        "CREATE TABLE one (id INTEGER PRIMARY KEY);\nINSERT INTO one (id) VALUES (1);",
        "INSERT OR ROLLBACK INTO one (id) VALUES (1);\nDROP TABLE one;");
    write(folder, "002", "b2", "a1", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
    write(folder, "003", "c3", "b2", "CREATE TABLE three (id INTEGER);", "DROP TABLE three;");
    db.retort(folder).upgrade();

    assertThatThrownBy(() -> db.retort(folder).downgrade("base"))
        .hasMessageContaining("downgrade of a1 failed")
        .hasMessageEndingWith(
            "and so were the downgrades of the 2 migrations before it in the same transaction"
                + " (c3 to b2), which stay applied; earlier ones stay reverted");
    assertThat(db.historyRevisions()).containsExactly("a1", "b2", "c3");
    assertThat(db.objects()).contains("table one", "table two", "table three");
  }
}

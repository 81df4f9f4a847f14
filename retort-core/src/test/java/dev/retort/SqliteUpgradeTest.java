package dev.retort;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.Dialects;
import dev.retort.lock.MigrationLock;
import dev.retort.plan.Step;
import dev.retort.source.Checksums;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades through the public API on SQLite files. */
class SqliteUpgradeTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
  }

  private void writeThree() {
    write(
        folder,
        "001_users",
        "a1",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
        "DROP TABLE users;");
    write(
        folder,
        "002_posts",
        "b2",
        "a1",
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));\n"
            + "CREATE INDEX posts_user ON posts(user_id);",
        "DROP TABLE posts;");
    write(
        folder,
        "003_admin",
        "c3",
        "b2",
        "INSERT INTO users (id, name) VALUES (1, 'admin');",
        "DELETE FROM users WHERE id = 1;");
  }

  private static List<String> ids(MigrateResult result) {
    return result.steps().stream().map(s -> s.step().revision()).toList();
  }

  static void assertRetortError(ThrowingCallable call, ErrorCode code, String... parts) {
    assertThatThrownBy(call)
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(code))
        .hasMessageContainingAll(parts);
  }

  @Test
  void anEmptyDatabaseIsUpgradedAndEveryHistoryColumnIsFilled() {
    writeThree();

    MigrateResult result = db.retort(folder).upgrade();

    assertThat(ids(result)).containsExactly("a1", "b2", "c3");
    assertThat(result.current()).containsExactly("c3");
    assertThat(result.dryRun()).isFalse();
    assertThat(db.objects()).containsExactly("table posts", "index posts_user", "table users");
    assertThat(db.strings("SELECT name FROM users")).containsExactly("admin");

    List<Map<String, Object>> history = db.history();
    assertThat(history).extracting(r -> r.get("revision")).containsExactly("a1", "b2", "c3");
    Map<String, Object> posts = history.get(1);
    assertThat(posts.get("parents")).isEqualTo("a1");
    assertThat(posts.get("description")).isEqualTo("migration b2");
    assertThat(posts.get("kind")).isEqualTo("sql");
    assertThat(posts.get("checksum"))
        .isEqualTo(
            Checksums.of(
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES"
                    + " users(id));\nCREATE INDEX posts_user ON posts(user_id);"));
    assertThat(posts.get("checksum_algorithm")).isEqualTo(Checksums.ALGORITHM);
    assertThat(Instant.parse((String) posts.get("applied_at")))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat((String) posts.get("applied_by")).matches("[^@]+@[^@]+");
    assertThat(((Number) posts.get("duration_ms")).longValue()).isBetween(0L, 60_000L);
    assertThat(posts.get("tool_version")).isEqualTo(Retort.version()).isNotEqualTo("");
    assertThat((String) posts.get("down_script")).contains("DROP TABLE posts;");
    assertThat(posts.get("apply_order")).isEqualTo(2);
    assertThat(posts.get("state")).isEqualTo("applied");
    assertThat(posts.get("statements_total")).isEqualTo(2);
    assertThat(posts.get("statements_done")).isEqualTo(2);
    assertThat(posts.get("error")).isNull();
    assertThat(posts.get("origin")).isEqualTo("migrations/002_posts.sql");
    assertThat(history.get(0).get("parents")).isEqualTo("");
  }

  @Test
  void theHistoryTableCanHaveAnotherName() {
    writeThree();

    Retort.configure()
        .url(db.url(), null, null)
        .location(folder)
        .historyTable("schema_log")
        .build()
        .upgrade();

    assertThat(db.history()).isEmpty();
    assertThat(db.strings("SELECT revision FROM schema_log ORDER BY apply_order"))
        .containsExactly("a1", "b2", "c3");
  }

  @Test
  void migrationsFromAClasspathFolder() {
    Retort retort =
        Retort.configure()
            .url(db.url(), null, null)
            .locations("classpath:retort-test/classpath-migrations")
            .build();

    assertThat(ids(retort.upgrade())).containsExactly("cp1", "cp2", "cp3");
    assertThat(db.objects()).containsExactly("table cp_one", "table cp_three", "table cp_two");
    assertThat(db.history().get(0).get("origin"))
        .isEqualTo("classpath:retort-test/classpath-migrations/001_first.sql");
  }

  @Test
  void theListenerHearsEveryStep() {
    writeThree();
    List<String> heard = new ArrayList<>();
    RetortListener listener =
        new RetortListener() {
          @Override
          public void stepStarted(Step step) {
            heard.add("start " + step.revision());
          }

          @Override
          public void stepFinished(Step step, Duration took) {
            heard.add("done " + step.revision());
          }
        };

    Retort.configure()
        .url(db.url(), null, null)
        .location(folder)
        .listener(listener)
        .build()
        .upgrade();

    // The three commit together (one SQLite transaction a moment long): every step is heard to
    // start before it is heard done, and both in order.
    assertThat(heard)
        .containsExactlyInAnyOrder(
            "start a1", "done a1", "start b2", "done b2", "start c3", "done c3");
    assertThat(heard.stream().filter(h -> h.startsWith("start")))
        .containsExactly("start a1", "start b2", "start c3");
    assertThat(heard.stream().filter(h -> h.startsWith("done")))
        .containsExactly("done a1", "done b2", "done c3");
    for (String rev : List.of("a1", "b2", "c3")) {
      assertThat(heard.indexOf("start " + rev)).isLessThan(heard.indexOf("done " + rev));
    }
  }

  @Test
  void anUpToDateDatabaseIsLeftAlone() {
    writeThree();
    Retort retort = db.retort(folder);
    retort.upgrade();
    List<Map<String, Object>> before = db.history();

    MigrateResult again = retort.upgrade();

    assertThat(again.steps()).isEmpty();
    assertThat(again.changedNothing()).isTrue();
    assertThat(again.current()).containsExactly("c3");
    assertThat(db.history()).isEqualTo(before);
    assertThat(db.strings("SELECT count(*) FROM users")).containsExactly("1");
  }

  @Test
  void theNoOpCheckReadsRowsWithoutAComparableChecksumAndStopsAtAnEditedFile() {
    writeThree();
    Retort retort = db.retort(folder);
    retort.upgrade();
    // Rows another algorithm or a stamp wrote: nothing to compare, nothing to do.
    db.execute(
        "UPDATE retort_history SET checksum_algorithm = 'older-v0' WHERE revision = 'a1'",
        "UPDATE retort_history SET checksum = NULL WHERE revision = 'b2'");

    MigrateResult again = retort.upgrade();

    assertThat(again.steps()).isEmpty();
    assertThat(again.current()).containsExactly("c3");

    // An applied file that changed is not a no-op: the full checks name it.
    write(
        folder,
        "003_admin",
        "c3",
        "b2",
        "INSERT INTO users (id, name) VALUES (1, 'root');",
        "DELETE FROM users WHERE id = 1;");
    assertThatThrownBy(() -> db.retort(folder).upgrade())
        .isInstanceOfSatisfying(
            RetortException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("(revision c3) was changed after it was applied"));
  }

  @Test
  void anUpToDateCheckDoesNotWaitForTheMigrationLock() {
    writeThree();
    db.retort(folder).upgrade();
    Retort impatient =
        Retort.configure()
            .url(db.url(), null, null)
            .location(folder)
            .lockWait(Duration.ZERO)
            .build();
    MigrationLock lock = Dialects.forUrl(db.url()).migrationLock(null, db.url(), null);

    try (MigrationLock.Held held = lock.acquire(Duration.ofSeconds(5))) {
      assertThat(impatient.upgrade().steps()).isEmpty();
      // With work to do, the same call needs the lock and gives up at once.
      write(folder, "004_more", "d4", "c3", "CREATE TABLE more (id INTEGER);", "DROP TABLE more;");
      assertRetortError(impatient::upgrade, ErrorCode.LOCK_TIMEOUT, "migration lock", "is held by");
    }
    assertThat(db.objects()).doesNotContain("table more");
  }

  @Test
  void aDatabaseAtAnOlderRevisionKeepsItsData() {
    writeThree();
    db.retort(folder).upgrade("a1");
    db.execute("INSERT INTO users (id, name) VALUES (7, 'ann'), (8, 'bob')");
    write(
        folder,
        "004_email",
        "d4",
        "c3",
        "ALTER TABLE users ADD COLUMN email TEXT;\nUPDATE users SET email = lower(name) || '@x';",
        "ALTER TABLE users DROP COLUMN email;");

    MigrateResult result = db.retort(folder).upgrade();

    assertThat(ids(result)).containsExactly("b2", "c3", "d4");
    assertThat(db.rows("SELECT id, name, email FROM users ORDER BY id"))
        .containsExactly(
            Map.of("id", 1, "name", "admin", "email", "admin@x"),
            Map.of("id", 7, "name", "ann", "email", "ann@x"),
            Map.of("id", 8, "name", "bob", "email", "bob@x"));
  }

  @Test
  void upgradingTwiceAppliesOnlyTheNewMigrations() {
    writeThree();
    db.retort(folder).upgrade();
    write(folder, "004_tags", "d4", "c3", "CREATE TABLE tags (id INTEGER);", "DROP TABLE tags;");

    MigrateResult second = db.retort(folder).upgrade();

    assertThat(ids(second)).containsExactly("d4");
    assertThat(db.history())
        .extracting(r -> r.get("revision") + "#" + r.get("apply_order"))
        .containsExactly("a1#1", "b2#2", "c3#3", "d4#4");
  }

  @Test
  void aFailingStatementRollsBackItsWholeMigrationAndNamesFileLineAndStatement() {
    write(folder, "001_one", "a1", "", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
    // Lines: 1 revision, 2 parents, 3 description, 4 up marker, 5 first statement, 6 second.
    write(
        folder,
        "002_two",
        "b2",
        "a1",
        "CREATE TABLE two (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
            + "CREATE TABLE two_b (id INTEGER);",
        "DROP TABLE two;");
    write(folder, "003_three", "c3", "b2", "CREATE TABLE three (id INTEGER);", null);

    assertRetortError(
        () -> db.retort(folder).upgrade(),
        ErrorCode.MIGRATION_FAILED,
        "upgrade of b2 failed: migrations/002_two.sql:6, statement 2 of 3: ",
        "no such table: no_such_table",
        "this migration was rolled back, earlier ones stay applied");

    assertThat(db.objects()).containsExactly("table one");
    assertThat(db.historyRevisions()).containsExactly("a1");
  }

  @Test
  void sqliteDdlRollsBackInsideAMigration() {
    // One migration: a CREATE TABLE that works, then one that fails. If SQLite committed DDL
    // implicitly, t_created would survive.
    write(
        folder,
        "001_ddl",
        "a1",
        "",
        "CREATE TABLE t_created (id INTEGER);\nCREATE INDEX i ON t_missing(id);",
        null);

    assertRetortError(() -> db.retort(folder).upgrade(), ErrorCode.MIGRATION_FAILED, "t_missing");

    assertThat(db.objects()).isEmpty();
    assertThat(db.historyRevisions()).isEmpty();
  }

  @Test
  void aDryRunChangesNothing() {
    writeThree();

    MigrateResult plan = db.retort(folder).upgrade("head", true);

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.changedNothing()).isTrue();
    assertThat(ids(plan)).containsExactly("a1", "b2", "c3");
    assertThat(plan.steps()).allSatisfy(s -> assertThat(s.took()).isEqualTo(Duration.ZERO));
    assertThat(db.objects()).isEmpty();
    assertThat(db.history()).isEmpty();
  }

  @Test
  void upgradeToARevisionOrPlusN() {
    writeThree();
    Retort retort = db.retort(folder);

    assertThat(ids(retort.upgrade("b"))).containsExactly("a1", "b2");
    assertThat(ids(retort.upgrade("+1"))).containsExactly("c3");
    assertThat(retort.current()).containsExactly("c3");
  }

  @Test
  void unknownAndAmbiguousTargetsAreRefusedWithoutChange() {
    write(folder, "001_x", "ab1", "", "CREATE TABLE x (id INTEGER);", null);
    write(folder, "002_y", "ab2", "ab1", "CREATE TABLE y (id INTEGER);", null);
    Retort retort = db.retort(folder);

    assertRetortError(() -> retort.upgrade("nope"), ErrorCode.TARGET, "no revision matches 'nope'");
    assertRetortError(
        () -> retort.upgrade("ab"), ErrorCode.TARGET, "'ab' is ambiguous", "ab1, ab2");
    assertRetortError(() -> retort.upgrade("+3"), ErrorCode.TARGET, "goes past the head");
    assertThat(db.objects()).isEmpty();
    assertThat(db.history()).isEmpty();
  }

  @Test
  void aReadOnlyDatabaseIsAnErrorAndStaysAsItWas() {
    writeThree();
    db.execute("CREATE TABLE existing (v TEXT)", "INSERT INTO existing VALUES ('keep')");
    Retort readOnly =
        Retort.configure()
            .url("jdbc:sqlite:file:" + dir.resolve("app.db") + "?mode=ro", null, null)
            .location(folder)
            .build();

    assertThatThrownBy(readOnly::upgrade)
        .isInstanceOf(RetortException.class)
        .hasMessageContaining("readonly")
        .satisfies(
            e ->
                assertThat(((RetortException) e).code())
                    .isIn(ErrorCode.DATABASE, ErrorCode.MIGRATION_FAILED));

    assertThat(db.objects()).containsExactly("table existing");
    assertThat(db.strings("SELECT v FROM existing")).containsExactly("keep");
    assertThat(db.history()).isEmpty();
  }

  @Test
  void sqlPrintsTheStatementsAndHistoryRowsWithoutChangingTheDatabase() {
    writeThree();
    Retort retort = db.retort(folder);

    String sql = retort.sql("head", false);

    assertThat(sql)
        .contains("CREATE TABLE IF NOT EXISTS \"retort_history\"")
        .contains("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
        .contains("CREATE INDEX posts_user ON posts(user_id);")
        .contains("INSERT INTO users (id, name) VALUES (1, 'admin');")
        .contains("BEGIN;")
        .contains("COMMIT;");
    assertThat(sql.split("INSERT INTO \"retort_history\"", -1)).hasSize(4);
    assertThat(sql.indexOf("'a1'")).isLessThan(sql.indexOf("'b2'"));
    assertThat(db.objects()).isEmpty();
    assertThat(db.history()).isEmpty();

    retort.upgrade();
    String down = retort.sql("a1", true);
    assertThat(down)
        .contains("DELETE FROM users WHERE id = 1;")
        .contains("DROP TABLE posts;")
        .contains("DELETE FROM \"retort_history\" WHERE \"revision\" = 'c3'")
        .doesNotContain("DROP TABLE users;");
    assertThat(db.historyRevisions()).containsExactly("a1", "b2", "c3");
  }
}

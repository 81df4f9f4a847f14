package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downgrades and validation on every database: the stairway, stored down scripts, checksums. */
class DowngradeConformanceTest {
  @TempDir Path dir;

  /** The tables (and views) after each stairway step: index 0 is base, 6 is head. */
  private static final List<Set<String>> STAIRS =
      List.of(
          Set.of(),
          Set.of("author"),
          Set.of("author", "book"),
          Set.of("author", "book"),
          Set.of("author", "book", "book_titles"),
          Set.of("author", "book", "book_titles", "tag"),
          Set.of("author", "book", "book_titles", "label"));

  private static void writeStairs(Env env) throws Exception {
    env.write(
        "s1",
        null,
        "CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
            + "INSERT INTO author (id, name) VALUES (1, 'Ursula K. Le Guin');",
        "DROP TABLE author;");
    env.write(
        "s2",
        "s1",
        "CREATE TABLE book (id INTEGER PRIMARY KEY,"
            + " author_id INTEGER NOT NULL REFERENCES author (id), title VARCHAR(200) NOT NULL);\n"
            + "INSERT INTO book (id, author_id, title) VALUES (1, 1, 'The Dispossessed');",
        "DROP TABLE book;");
    env.write(
        "s3",
        "s2",
        "ALTER TABLE book ADD COLUMN published INTEGER;\n"
            + "UPDATE book SET published = 1974 WHERE id = 1;",
        "ALTER TABLE book DROP COLUMN published;");
    env.write(
        "s4",
        "s3",
        "CREATE VIEW book_titles AS"
            + " SELECT b.title, a.name FROM book b JOIN author a ON a.id = b.author_id;",
        "DROP VIEW book_titles;");
    env.write(
        "s5",
        "s4",
        "CREATE TABLE tag (id INTEGER PRIMARY KEY, word VARCHAR(50) NOT NULL UNIQUE);\n"
            + "INSERT INTO tag (id, word) VALUES (1, 'utopia');",
        "DROP TABLE tag;");
    env.write("s6", "s5", "ALTER TABLE tag RENAME TO label;", "ALTER TABLE label RENAME TO tag;");
  }

  /** Up one step at a time to head, down one at a time to base, checking the schema each time. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void stairway(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeStairs(env);
      Retort retort = env.retort();

      for (int step = 1; step <= 6; step++) {
        assertThat(retort.upgrade("+1").current()).containsExactly("s" + step);
        assertStair(env, step);
      }
      assertThatThrownBy(() -> retort.upgrade("+1"))
          .isInstanceOfSatisfying(
              RetortException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET));
      for (int step = 5; step >= 0; step--) {
        List<String> current = retort.downgrade("-1").current();
        assertThat(current).isEqualTo(step == 0 ? List.of() : List.of("s" + step));
        assertStair(env, step);
      }
      assertThat(env.historyRevisions()).isEmpty();

      assertThat(retort.upgrade().steps()).hasSize(6);
      assertStair(env, 6);
      assertThat(env.string("SELECT name FROM book_titles")).isEqualTo("Ursula K. Le Guin");
      assertThat(retort.downgrade("base").steps()).hasSize(6);
      assertStair(env, 0);
    }
  }

  private static void assertStair(Env env, int step) throws Exception {
    assertThat(env.tables()).as("tables at step %d", step).isEqualTo(STAIRS.get(step));
    if (step >= 2) {
      assertThat(env.columns("book"))
          .as("columns of book at step %d", step)
          .isEqualTo(
              step >= 3
                  ? Set.of("id", "author_id", "title", "published")
                  : Set.of("id", "author_id", "title"));
    }
    assertThat(env.historyRevisions()).hasSize(step);
  }

  /** The down script is stored when applied, so a revision whose file is gone can be reverted. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void downgradeAfterTheFileWasDeletedRunsTheStoredDownScript(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write("d1", null, "CREATE TABLE kept (id INTEGER PRIMARY KEY);", "DROP TABLE kept;");
      env.write(
          "d2",
          "d1",
          "CREATE TABLE gone (id INTEGER PRIMARY KEY);\nINSERT INTO gone (id) VALUES (7);",
          "DROP TABLE gone;");
      env.retort().upgrade();
      Files.delete(env.fileOf("d2"));

      ValidationReport report = env.retort().validate();
      assertThat(report.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.kind()).isEqualTo(ValidationReport.Kind.MISSING_FILE));
      // Every migration this build knows is applied: the database is ahead, upgrade is a no-op.
      assertThat(env.retort().upgrade().steps()).isEmpty();

      List<String> notices = new ArrayList<>();
      Retort retort =
          env.builder()
              .listener(
                  new RetortListener() {
                    @Override
                    public void notice(String message) {
                      notices.add(message);
                    }
                  })
              .build();
      retort.downgrade("-1");

      assertThat(notices)
          .singleElement()
          .asString()
          .contains("d2")
          .contains("down script stored in the history table");
      assertThat(env.tables()).containsExactly("kept");
      assertThat(env.historyRevisions()).containsExactly("d1");
      assertThat(retort.validate().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void validateFindsAnEditedMigration(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      Path file =
          env.write("v1", null, "CREATE TABLE item (id INTEGER PRIMARY KEY);", "DROP TABLE item;");
      env.retort().upgrade();

      // Cosmetic edits (CRLF line endings, trailing blanks) keep the checksum.
      Files.writeString(file, Files.readString(file).replace("\n", "  \r\n"));
      assertThat(env.retort().validate().ok()).isTrue();

      Files.writeString(
          file, Files.readString(file).replace("(id INTEGER PRIMARY KEY)", "(id INTEGER)"));
      ValidationReport report = env.retort().validate();

      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo(ValidationReport.Kind.CHECKSUM_MISMATCH);
                assertThat(p.revision()).isEqualTo("v1");
                assertThat(p.message()).contains(file.getFileName().toString());
              });
      env.write("v2", "v1", "CREATE TABLE other (id INTEGER PRIMARY KEY);", null);
      assertThatThrownBy(() -> env.retort().upgrade())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                assertThat(e.getMessage()).contains("was changed after it was applied");
              });
      assertThat(env.tables()).containsExactly("item");
    }
  }
}

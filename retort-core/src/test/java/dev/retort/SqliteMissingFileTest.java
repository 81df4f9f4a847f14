package dev.retort;

import static dev.retort.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite path that does not exist, often a typo: commands that only read show an empty database
 * and say so, and leave no file behind; upgrade creates the database as always.
 */
class SqliteMissingFileTest {
  @TempDir Path dir;
  private Path folder;
  private Path file;
  private final List<String> notices = new ArrayList<>();

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    file = dir.resolve("typo.db");
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    write(folder, "002", "b", "a", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
  }

  private Retort retort() {
    return Retort.configure()
        .url("jdbc:sqlite:" + file, null, null)
        .locations(folder.toString())
        .listener(
            new RetortListener() {
              @Override
              public void notice(String message) {
                notices.add(message);
              }
            })
        .build();
  }

  @Test
  void readingCommandsShowAnEmptyDatabaseAndCreateNoFile() {
    Retort retort = retort();

    assertThat(retort.pending()).containsExactly("a", "b");
    assertThat(retort.current()).isEmpty();
    assertThat(retort.validate().problems()).isEmpty();
    assertThat(retort.show("b").state()).isEqualTo(RevisionStatus.State.PENDING);
    assertThat(retort.inspect(List.of(), List.of()).tables()).isEmpty();
    assertThat(retort.check(List.of(), List.of()).differences()).isEmpty();
    assertThat(retort.sql("head", false)).contains("CREATE TABLE a");

    assertThat(Files.exists(file)).isFalse();
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("database file " + file + " does not exist", "upgrade creates it");
  }

  @Test
  void upgradeCreatesItAndThenItIsReadAsUsual() {
    retort().upgrade();

    assertThat(Files.exists(file)).isTrue();
    Retort again = retort();
    assertThat(again.pending()).isEmpty();
    assertThat(again.current()).containsExactly("b");
    assertThat(notices).isEmpty();
  }
}

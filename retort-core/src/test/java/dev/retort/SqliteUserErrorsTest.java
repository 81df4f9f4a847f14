package dev.retort;

import static dev.retort.MigrationFiles.write;
import static dev.retort.SqliteUpgradeTest.assertRetortError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user can make end in a one-line RetortException, never a stack trace. */
class SqliteUserErrorsTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
    write(folder, "001", "a", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
  }

  @Test
  void aHistoryRowWithAnUnknownStateIsADatabaseError() {
    db.retort(folder).upgrade();
    db.execute("UPDATE retort_history SET state = 'paused'");

    assertRetortError(
        () -> db.retort(folder).status(),
        ErrorCode.DATABASE,
        "history table row for a has unknown state 'paused'",
        "set the state to 'applied', 'running' or 'failed'");
  }

  @Test
  void tooManyStepsIsATargetError() {
    assertRetortError(
        () -> db.retort(folder).upgrade("+99999999999"),
        ErrorCode.TARGET,
        "+99999999999 is too many steps");
  }

  @Test
  void nullDriverPropertiesAreNone() {
    Retort retort =
        Retort.configure().url(db.url(), null, null, null).locations(folder.toString()).build();

    retort.upgrade();

    assertThat(retort.current()).containsExactly("a");
  }

  @Test
  void stampBackwardsSaysHowToUndoAStampAndUpgradeKeepsItsMessage() {
    Retort retort = db.retort(folder);
    retort.stamp("head");

    assertRetortError(
        () -> retort.stamp("base"),
        ErrorCode.TARGET,
        "stamp base goes backwards: stamp records revisions as applied; to undo a stamp, use"
            + " 'retort downgrade base'");
    assertRetortError(() -> retort.stamp("-1"), ErrorCode.TARGET, "'retort downgrade -1'");
    assertRetortError(
        () -> retort.upgrade("base"),
        ErrorCode.TARGET,
        "upgrade to base makes no sense; use downgrade base");
    assertThat(retort.current()).containsExactly("a");
  }
}

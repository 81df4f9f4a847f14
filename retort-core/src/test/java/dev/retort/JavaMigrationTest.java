package dev.retort;

import static dev.retort.MigrationFiles.write;
import static dev.retort.SqliteUpgradeTest.assertRetortError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.source.Checksums;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java migrations on SQLite: registered explicitly and through ServiceLoader. */
class JavaMigrationTest {
  @TempDir Path dir;
  private Path folder;
  private SqliteDb db;

  @BeforeEach
  void setUp() {
    folder = dir.resolve("migrations");
    db = new SqliteDb(dir.resolve("app.db"));
    write(
        folder,
        "001_users",
        "a",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
            + "INSERT INTO users VALUES (1, 'ann'), (2, 'bob');",
        "DROP TABLE users;");
  }

  private Retort retort(JavaMigration... java) {
    return Retort.configure()
        .url(db.url(), null, null)
        .location(folder)
        .javaMigrations(java)
        .build();
  }

  /** Upper-cases every name; records whether it ran inside a transaction. */
  static class UpperCaseNames implements JavaMigration {
    Boolean autoCommitSeen;

    @Override
    public String id() {
      return "j1";
    }

    @Override
    public List<String> parents() {
      return List.of("a");
    }

    @Override
    public void up(Connection connection) throws Exception {
      autoCommitSeen = connection.getAutoCommit();
      try (Statement st = connection.createStatement()) {
        st.executeUpdate("UPDATE users SET name = upper(name)");
      }
    }

    @Override
    public boolean hasDown() {
      return true;
    }

    @Override
    public void down(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.executeUpdate("UPDATE users SET name = lower(name)");
      }
    }
  }

  /** Changes rows, then fails. */
  static final class HalfDone extends UpperCaseNames {
    @Override
    public void up(Connection connection) throws Exception {
      super.up(connection);
      throw new IllegalStateException("cannot convert user 2");
    }
  }

  @Test
  void aJavaMigrationRunsInTheTransactionOfItsHistoryRow() {
    UpperCaseNames java = new UpperCaseNames();

    MigrateResult result = retort(java).upgrade();

    assertThat(result.steps()).extracting(s -> s.step().revision()).containsExactly("a", "j1");
    assertThat(java.autoCommitSeen).isFalse();
    assertThat(db.strings("SELECT name FROM users ORDER BY id")).containsExactly("ANN", "BOB");
    Map<String, Object> row = db.history().get(1);
    assertThat(row.get("revision")).isEqualTo("j1");
    assertThat(row.get("kind")).isEqualTo("java");
    assertThat(row.get("parents")).isEqualTo("a");
    assertThat(row.get("origin")).isEqualTo("java:" + UpperCaseNames.class.getName());
    assertThat(row.get("checksum")).isEqualTo(Checksums.of(UpperCaseNames.class.getName()));
    assertThat(row.get("down_script")).isNull();
    assertThat(row.get("description")).isEqualTo("UpperCaseNames");
  }

  @Test
  void aJavaMigrationIsRevertedByItsDownMethod() {
    Retort retort = retort(new UpperCaseNames());
    retort.upgrade();

    retort.downgrade("-1");

    assertThat(db.strings("SELECT name FROM users ORDER BY id")).containsExactly("ann", "bob");
    assertThat(db.historyRevisions()).containsExactly("a");
  }

  @Test
  void aJavaMigrationThatThrowsIsRolledBack() {
    assertRetortError(
        () -> retort(new HalfDone()).upgrade(),
        ErrorCode.MIGRATION_FAILED,
        "upgrade of j1 failed in java:" + HalfDone.class.getName(),
        "cannot convert user 2",
        "rolled back");

    assertThat(db.strings("SELECT name FROM users ORDER BY id")).containsExactly("ann", "bob");
    assertThat(db.historyRevisions()).containsExactly("a");
  }

  @Test
  void serviceLoaderFindsRegisteredMigrations() {
    Retort retort =
        Retort.configure()
            .url(db.url(), null, null)
            .serviceLoader(getClass().getClassLoader())
            .build();

    assertThat(retort.config().javaMigrations())
        .singleElement()
        .isInstanceOf(ServiceLoadedMigration.class);
    retort.upgrade();

    assertThat(db.objects()).containsExactly("table svc_table");
    assertThat(db.history())
        .extracting(r -> r.get("revision") + " " + r.get("kind") + " " + r.get("description"))
        .containsExactly("svc1 java found through ServiceLoader");
  }

  @Test
  void javaMigrationsAreReadWithTheCallersContextClassLoader() {
    java.util.List<ClassLoader> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    JavaMigration m =
        new JavaMigration() {
          @Override
          public String id() {
            return "j1";
          }

          @Override
          public java.util.List<String> parents() {
            return java.util.List.of("a");
          }

          @Override
          public String checksumSource() {
            seen.add(Thread.currentThread().getContextClassLoader());
            return "j1";
          }

          @Override
          public void up(java.sql.Connection connection) {}
        };
    ClassLoader app = new ClassLoader(getClass().getClassLoader()) {};
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(app);
    try {
      retort(m).upgrade();
      retort(m).status();
    } finally {
      thread.setContextClassLoader(before);
    }

    assertThat(seen).isNotEmpty().containsOnly(app);
  }
}

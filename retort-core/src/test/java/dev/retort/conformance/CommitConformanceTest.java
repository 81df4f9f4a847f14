package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortBuilder;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.plan.Step;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When a migration's work becomes visible to other sessions. SQLite commits migrations that run a
 * moment apart together (its commit is the dear part, and its single writer waits regardless);
 * PostgreSQL commits each one, so that no migration's table locks outlive it.
 */
class CommitConformanceTest {
  @TempDir Path dir;

  /** What another session sees of the history as each step starts, by revision. */
  private static List<String> seenAtEachStart(Env env) throws Exception {
    return seenAtEachStart(env, null);
  }

  /** The same, with {@code commitGroup} set unless null. */
  private static List<String> seenAtEachStart(Env env, Duration commitGroup) throws Exception {
    env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", "DROP TABLE one;");
    env.write("b2", "a1", "CREATE TABLE two (id INTEGER PRIMARY KEY);", "DROP TABLE two;");
    env.write("c3", "b2", "CREATE TABLE three (id INTEGER PRIMARY KEY);", "DROP TABLE three;");
    List<String> seen = new ArrayList<>();
    RetortListener listener =
        new RetortListener() {
          @Override
          public void stepStarted(Step step) {
            try {
              seen.add(step.revision() + ":" + env.historyRevisions());
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    RetortBuilder builder = env.builder().listener(listener);
    if (commitGroup != null) {
      builder.commitGroup(commitGroup);
    }
    builder.build().upgrade();
    assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
    return seen;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void sqliteCommitsMigrationsThatRunAMomentApartTogether(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      assertThat(seenAtEachStart(env)).containsExactly("a1:[]", "b2:[]", "c3:[]");
    }
  }

  /**
   * Seen from the server, since on PostgreSQL the migrations of a run may reach it in one batch
   * before the first has run: each history row was written by a transaction of its own, and as each
   * migration runs its session holds no lock on the tables of the ones before it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void postgresqlCommitsEachMigrationBeforeTheNextStarts(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.exec("CREATE TABLE held (revision TEXT, locks BIGINT)");
      String earlierLocks =
          " (SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'"
              + " AND relation IN (SELECT oid FROM pg_class WHERE relname IN ('one', 'two')))";
      env.write("a1", null, "CREATE TABLE one (id INTEGER PRIMARY KEY);", null);
      env.write(
          "b2",
          "a1",
          "INSERT INTO held SELECT 'b2',"
              + earlierLocks
              + ";\n"
              + "CREATE TABLE two (id INTEGER PRIMARY KEY);",
          null);
      env.write("c3", "b2", "INSERT INTO held SELECT 'c3'," + earlierLocks + ";", null);

      env.retort().upgrade();

      assertThat(env.historyRevisions()).containsExactly("a1", "b2", "c3");
      assertThat(env.count("SELECT count(DISTINCT xmin::text) FROM retort_history")).isEqualTo(3);
      assertThat(env.strings("SELECT revision || ':' || locks FROM held ORDER BY revision"))
          .containsExactly("b2:0", "c3:0");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void aZeroCommitGroupCommitsEachMigrationOnSqlite(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      assertThat(seenAtEachStart(env, Duration.ZERO))
          .containsExactly("a1:[]", "b2:[a1]", "c3:[a1, b2]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void postgresqlGroupsCommitsWhenAskedTo(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      assertThat(seenAtEachStart(env, Duration.ofMinutes(1)))
          .containsExactly("a1:[]", "b2:[]", "c3:[]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void aNegativeCommitGroupIsAConfigurationError(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      assertThatThrownBy(() -> env.builder().commitGroup(Duration.ofMillis(-1)).build())
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                assertThat(e.getMessage()).isEqualTo("commit group must be zero or more");
              });
    }
  }
}

package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.MigrateResult;
import dev.retort.Retort;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upgrades on every database: from empty, up to date, from an older revision, concurrently. */
class UpgradeConformanceTest {
  @TempDir Path dir;

  /** Three migrations: a table, a column, a data change; each with its down part. */
  private static void writeCustomerMigrations(Env env) throws Exception {
    env.write(
        "r1",
        null,
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);",
        "DROP TABLE customer;");
    env.write(
        "r2",
        "r1",
        "ALTER TABLE customer ADD COLUMN email VARCHAR(200);",
        "ALTER TABLE customer DROP COLUMN email;");
    env.write(
        "r3",
        "r2",
        "UPDATE customer SET email = 'unknown' WHERE email IS NULL;\n"
            + "CREATE TABLE orders (id INTEGER PRIMARY KEY,"
            + " customer_id INTEGER NOT NULL REFERENCES customer (id));",
        "DROP TABLE orders;\nUPDATE customer SET email = NULL WHERE email = 'unknown';");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void emptyDatabaseUpgradesToHead(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeCustomerMigrations(env);
      Retort retort = env.retort();

      assertThat(retort.current()).isEmpty();
      assertThat(retort.pending()).containsExactly("r1", "r2", "r3");
      MigrateResult result = retort.upgrade();

      assertThat(result.steps())
          .extracting(a -> a.step().revision())
          .containsExactly("r1", "r2", "r3");
      assertThat(result.current()).containsExactly("r3");
      assertThat(env.tables()).containsExactly("customer", "orders");
      assertThat(env.historyRevisions()).containsExactly("r1", "r2", "r3");
      assertThat(env.strings("SELECT state FROM retort_history")).containsOnly("applied");
      assertThat(retort.status().upToDate()).isTrue();
      assertThat(retort.validate().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void upToDateUpgradeChangesNothing(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeCustomerMigrations(env);
      env.retort().upgrade();
      List<String> before =
          env.strings("SELECT applied_at FROM retort_history ORDER BY apply_order");

      MigrateResult again = env.retort().upgrade();

      assertThat(again.changedNothing()).isTrue();
      assertThat(again.current()).containsExactly("r3");
      assertThat(env.strings("SELECT applied_at FROM retort_history ORDER BY apply_order"))
          .isEqualTo(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void olderRevisionWithDataUpgradesToHeadKeepingTheData(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeCustomerMigrations(env);
      env.retort().upgrade("r1");
      env.exec(
          "INSERT INTO customer (id, name) VALUES (1, 'Ada')",
          "INSERT INTO customer (id, name) VALUES (2, 'Grace')");
      assertThat(env.retort().current()).containsExactly("r1");

      MigrateResult result = env.retort().upgrade();

      assertThat(result.steps()).extracting(a -> a.step().revision()).containsExactly("r2", "r3");
      assertThat(env.strings("SELECT name FROM customer ORDER BY id"))
          .containsExactly("Ada", "Grace");
      assertThat(env.strings("SELECT email FROM customer")).containsOnly("unknown");
      assertThat(env.historyRevisions()).containsExactly("r1", "r2", "r3");
    }
  }

  /**
   * Two processes (here two threads with their own Retort) upgrading at once: the migration lock
   * serialises them, the second re-reads the history under the lock and finds nothing to do.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void twoUpgradesAtOnceApplyEachRevisionOnce(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeCustomerMigrations(env);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<MigrateResult>> runs =
            List.of(
                CompletableFuture.supplyAsync(() -> upgradeAfter(start, env.retort()), pool),
                CompletableFuture.supplyAsync(() -> upgradeAfter(start, env.retort()), pool));
        start.countDown();
        int applied = 0;
        for (CompletableFuture<MigrateResult> run : runs) {
          MigrateResult result = run.get(60, TimeUnit.SECONDS);
          assertThat(result.current()).containsExactly("r3");
          applied += result.steps().size();
        }

        assertThat(applied).isEqualTo(3);
        assertThat(env.historyRevisions()).containsExactly("r1", "r2", "r3");
        assertThat(env.tables()).containsExactly("customer", "orders");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static MigrateResult upgradeAfter(CountDownLatch start, Retort retort) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return retort.upgrade();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void twoHeadsAreRefusedUntilMerged(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      env.write(
          "base1", null, "CREATE TABLE shared (id INTEGER PRIMARY KEY);", "DROP TABLE shared;");
      env.write(
          "left1", "base1", "CREATE TABLE lefty (id INTEGER PRIMARY KEY);", "DROP TABLE lefty;");
      env.write(
          "right1", "base1", "CREATE TABLE righty (id INTEGER PRIMARY KEY);", "DROP TABLE righty;");
      Retort retort = env.retort();
      assertThat(retort.heads()).containsExactlyInAnyOrder("left1", "right1");

      assertThatThrownBy(retort::upgrade)
          .isInstanceOfSatisfying(
              RetortException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.GRAPH);
                assertThat(e.getMessage()).contains("retort merge");
              });
      assertThat(env.tables()).isEmpty();

      Path merge = retort.merge("join branches");
      MigrateResult result = retort.upgrade();

      String mergeId = retort.heads().get(0);
      assertThat(merge.getFileName().toString()).contains(mergeId);
      assertThat(result.steps()).hasSize(4);
      assertThat(result.current()).containsExactly(mergeId);
      assertThat(env.tables()).containsExactly("lefty", "righty", "shared");
      assertThat(
              env.string("SELECT parents FROM retort_history WHERE revision = '" + mergeId + "'"))
          .contains("left1")
          .contains("right1");

      env.retort().downgrade("base1");

      assertThat(env.retort().current()).containsExactly("base1");
      assertThat(env.tables()).containsExactly("shared");
    }
  }

  /** {@code sql()} prints what an upgrade would run; the database stays as it was. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void sqlOutputChangesNothing(String kind) throws Exception {
    try (Env env = Env.open(kind, dir)) {
      writeCustomerMigrations(env);

      String fromEmpty = env.retort().sql("head", false);

      assertThat(fromEmpty)
          .contains("CREATE TABLE customer")
          .contains("ALTER TABLE customer ADD COLUMN email")
          .contains("retort_history");
      assertThat(env.hasHistoryTable()).isFalse();
      assertThat(env.tables()).isEmpty();

      env.retort().upgrade("r1");
      String rest = env.retort().sql("head", false);
      String down = env.retort().sql("base", true);

      assertThat(rest).doesNotContain("CREATE TABLE customer").contains("CREATE TABLE orders");
      assertThat(down).contains("DROP TABLE customer");
      assertThat(env.historyRevisions()).containsExactly("r1");
      assertThat(env.tables()).containsExactly("customer");
    }
  }
}

package dev.retort.schema.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.MigrationFiles;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.testsupport.TestDatabase;
import dev.retort.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check} on each database: silent on a schema the migrations built, and naming a hand-added
 * column, a dropped index and a changed default. Also {@code diff} to the migrations.
 */
class DriftCheckTest {
  @TempDir Path dir;

  private Retort retort(TestDatabase db) {
    Path migrations = dir.resolve("migrations");
    MigrationFiles.write(
        migrations,
        "001.sql",
        MigrationFiles.text(
            "m1",
            "",
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                + " status VARCHAR(10) DEFAULT 'new');\n"
                + "CREATE INDEX customer_name_idx ON customer (name);",
            "DROP TABLE customer;"));
    MigrationFiles.write(
        migrations,
        "002.sql",
        MigrationFiles.text(
            "m2",
            "m1",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL"
                + " REFERENCES customer (id));",
            "DROP TABLE orders;"));
    return Retort.configure()
        .url(db.jdbcUrl(), db.user(), db.password())
        .location(migrations)
        .build();
  }

  private static void exec(TestDatabase db, String... sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void silentOnADatabaseTheMigrationsBuilt(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir)) {
      Retort retort = retort(db);
      retort.upgrade();
      DriftReport report = retort.check(List.of(), List.of());
      assertThat(report.differences()).isEmpty();
      assertThat(report.revisions()).containsExactly("m2");
      assertThat(retort.diffToMigrations("head", List.of(), List.of())).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void namesAHandAddedColumnADroppedIndexAndAChangedDefault(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir)) {
      Retort retort = retort(db);
      retort.upgrade();
      String dropIndex =
          kind.equals("mariadb")
              ? "DROP INDEX customer_name_idx ON customer"
              : "DROP INDEX customer_name_idx";
      String changeDefault =
          kind.equals("sqlite")
              ? null
              : "ALTER TABLE customer ALTER COLUMN status SET DEFAULT 'old'";
      exec(db, "ALTER TABLE customer ADD COLUMN nickname VARCHAR(50)", dropIndex);
      if (changeDefault != null) {
        exec(db, changeDefault);
      }
      DriftReport report = retort.check(List.of(), List.of());
      List<String> lines = report.differences().stream().map(Difference::description).toList();
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).contains("customer").contains("nickname"))
          .anySatisfy(l -> assertThat(l).contains("lacks index customer_name_idx"));
      if (changeDefault != null) {
        assertThat(lines)
            .anySatisfy(l -> assertThat(l).contains("status").contains("default").contains("old"));
      }
      // Excluding the drifted table silences it: filters apply to both sides.
      assertThat(retort.check(List.of(), List.of("customer")).differences()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void aUserGivenScratchDatabaseServesManagedServers(String kind) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("scratch"));
    try (TestDatabase db = TestDatabases.create(kind, dir);
        TestDatabase scratch = TestDatabases.create(kind, dir.resolve("scratch"))) {
      retort(db).upgrade();
      exec(db, "ALTER TABLE customer ADD COLUMN nickname VARCHAR(50)");
      Retort withScratch =
          Retort.configure()
              .url(db.jdbcUrl(), db.user(), db.password())
              .location(dir.resolve("migrations"))
              .scratchUrl(scratch.jdbcUrl(), scratch.user(), scratch.password())
              .build();
      assertThat(withScratch.check(List.of(), List.of()).differences())
          .extracting(Difference::description)
          .anySatisfy(l -> assertThat(l).contains("nickname"));
      // The replay was removed again, so the same scratch database serves the next check.
      assertThat(withScratch.check(List.of(), List.of()).differences()).hasSize(1);
      // A scratch database that holds anything else is refused, never written to.
      exec(scratch, "CREATE TABLE precious (id INTEGER)");
      assertThatThrownBy(() -> withScratch.check(List.of(), List.of()))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("scratch database is not empty")
          .extracting(e -> ((RetortException) e).code())
          .isEqualTo(ErrorCode.CONFIG);
    }
  }

  @org.junit.jupiter.api.Test
  void aPostgresReplayOfSchemaQualifiedMigrationsNeverTouchesTheLiveDatabase() throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      Path migrations = dir.resolve("qualified");
      MigrationFiles.write(
          migrations,
          "001.sql",
          MigrationFiles.text(
              "q1", "", "CREATE TABLE public.users (id INTEGER PRIMARY KEY, email TEXT);", null));
      MigrationFiles.write(
          migrations,
          "002.sql",
          MigrationFiles.text(
              "q2",
              "q1",
              "INSERT INTO public.users VALUES (1, 'a@x');\n"
                  + "UPDATE public.users SET email = email || '-touched';",
              null));
      Retort retort =
          Retort.configure()
              .url(db.jdbcUrl(), db.user(), db.password())
              .location(migrations)
              .build();
      retort.upgrade();
      assertThat(retort.check(List.of(), List.of()).differences()).isEmpty();
      assertThat(retort.check(List.of(), List.of()).differences()).isEmpty();
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SELECT email FROM public.users")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("a@x-touched");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void diffToTheMigrationsShowsWhatUpgradeWouldCreate(String kind) throws Exception {
    try (TestDatabase db = TestDatabases.create(kind, dir)) {
      Retort retort = retort(db);
      retort.upgrade("m1");
      List<Difference> diff = retort.diffToMigrations("head", List.of(), List.of());
      assertThat(diff).extracting(Difference::description).contains("create table orders");
      assertThat(diff.get(0).sql()).isNotEmpty();
      // The scratch space is gone: the live database still has only its own table.
      assertThat(retort.inspect(List.of(), List.of()).tables())
          .extracting(t -> t.name())
          .containsExactly("customer");
    }
  }
}

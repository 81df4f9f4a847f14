package dev.retort.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import dev.retort.dialect.split.PostgresSplitter;
import dev.retort.dialect.split.SqlStatement;
import dev.retort.testsupport.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real-world scripts run as the up part of one Retort migration, unchanged but for what cannot be
 * part of a migration: the Chinook scripts' own DROP/CREATE DATABASE and connect lines.
 */
class FixtureConformanceTest {
  /** The lines of the Chinook scripts that create and connect to their own database. */
  private static final Pattern DATABASE_LINE =
      Pattern.compile("(?m)^(DROP DATABASE |CREATE DATABASE |USE |\\\\c ).*\\R");

  /** Statements about pgvector: the extension, its comment and the table using its type. */
  private static final Pattern PGVECTOR = Pattern.compile("\\bvector\\b|film_embedding");

  private static final Map<String, String> CHINOOK =
      Map.of(
          "sqlite", "chinook/Chinook_Sqlite.sql",
          "postgresql", "chinook/Chinook_PostgreSql.sql",
          "mariadb", "chinook/Chinook_MySql.sql");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
  void chinookRunsAsAMigration(String kind) throws Exception {
    String fixture = Fixtures.read(CHINOOK.get(kind));
    String script = DATABASE_LINE.matcher(fixture).replaceAll("");
    int stripped = fixture.split("\n", -1).length - script.split("\n", -1).length;
    assertThat(stripped).isEqualTo(kind.equals("sqlite") ? 0 : 3);
    try (Env env = Env.open(kind, dir)) {
      env.writeFile("chinook", header("chinook") + script);

      assertThat(env.retort().upgrade().current()).containsExactly("chinook");

      assertThat(env.count("SELECT count(*) FROM " + table(kind, "Artist"))).isEqualTo(275);
      assertThat(env.count("SELECT count(*) FROM " + table(kind, "Album"))).isEqualTo(347);
      assertThat(env.count("SELECT count(*) FROM " + table(kind, "Track"))).isEqualTo(3503);
      assertThat(env.retort().validate().ok()).isTrue();
    }
  }

  /** PostgreSQL's Chinook uses snake_case names; SQLite and MySQL use the Pascal case ones. */
  private static String table(String kind, String name) {
    return kind.equals("postgresql") ? name.toLowerCase(java.util.Locale.ROOT) : name;
  }

  /**
   * This pagila-schema.sql is a dump for PostgreSQL 18 with pgvector: uuidv7(), VIRTUAL generated
   * columns and CREATE EXTENSION vector. On such a server it runs unchanged.
   */
  @Test
  void pagilaRunsUnchangedOnPostgres18WithPgvector() throws Exception {
    String script = Fixtures.read("pagila/pagila-schema.sql");
    try (Env env = Env.open("postgresql", dir)) {
      int version = (int) env.count("SELECT current_setting('server_version_num')::int");
      long pgvector =
          env.count("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'");
      if (version < 180000 || pgvector == 0) {
        Assumptions.abort(
            "Pagila unchanged not tested: needs PostgreSQL 18 with pgvector; server is "
                + env.string("SHOW server_version")
                + (pgvector == 0 ? " without pgvector" : " with pgvector"));
      }
      env.writeFile("pagila", header("pagila") + script);

      assertThat(env.retort().upgrade().current()).containsExactly("pagila");

      assertPagila(env, script, 0);
    }
  }

  /**
   * On an older server: the same dump with the three documented adaptations, statement text removed
   * or replaced in place: the pgvector statements go, uuidv7() becomes gen_random_uuid() and
   * VIRTUAL generated columns become STORED.
   */
  @Test
  void pagilaRunsAdaptedOnOlderPostgres() throws Exception {
    String script = Fixtures.read("pagila/pagila-schema.sql");
    List<SqlStatement> pgvector =
        new PostgresSplitter()
            .split(script).stream().filter(s -> PGVECTOR.matcher(s.sql()).find()).toList();
    assertThat(pgvector).hasSize(8);
    String adapted = script;
    for (SqlStatement s : pgvector) {
      assertThat(adapted.indexOf(s.sql())).isEqualTo(adapted.lastIndexOf(s.sql()));
      adapted = adapted.replace(s.sql(), "");
    }
    adapted = adapted.replace("uuidv7()", "gen_random_uuid()").replace(" VIRTUAL\n", " STORED\n");
    try (Env env = Env.open("postgresql", dir)) {
      env.writeFile("pagila", header("pagila") + adapted);
      Retort retort = env.retort();

      assertThat(retort.upgrade().current()).containsExactly("pagila");

      assertPagila(env, script, 1);
      assertThat(retort.status().upToDate()).isTrue();
    }
  }

  /**
   * Tables (partitioned ones included), partitions, triggers, domains and functions of the dump
   * exist, and the functions work; {@code leftOut} tables and triggers were adapted away.
   */
  private static void assertPagila(Env env, String script, int leftOut) throws Exception {
    assertThat(
            env.count(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
                    + " AND c.relname <> 'retort_history'"))
        .isEqualTo(count(script, "^CREATE TABLE ") - leftOut);
    assertThat(
            env.count(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.payment'::regclass"))
        .isEqualTo(count(script, "^ALTER TABLE ONLY public\\.payment ATTACH PARTITION "))
        .isPositive();
    assertThat(
            env.count(
                "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
                    + " AND tgrelid::regclass::text NOT LIKE 'payment_p%'"))
        .isEqualTo(count(script, "^CREATE TRIGGER ") - leftOut);
    assertThat(
            env.count(
                "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE n.nspname = 'public' AND t.typtype = 'd'"))
        .isEqualTo(count(script, "^CREATE DOMAIN "));
    assertThat(
            env.count(
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'public' AND p.prokind IN ('f', 'a')"))
        .isGreaterThanOrEqualTo(count(script, "^CREATE (FUNCTION|AGGREGATE) "));
    assertThat(env.string("SELECT public._group_concat('a', 'b')")).isEqualTo("a, b");
    assertThat(env.string("SELECT public.last_day('2024-02-10'::timestamp)::text"))
        .isEqualTo("2024-02-29");
  }

  private static String header(String revision) {
    return "-- retort:revision " + revision + "\n-- retort:up\n";
  }

  private static long count(String script, String regex) {
    return Pattern.compile(regex, Pattern.MULTILINE).matcher(script).results().count();
  }
}

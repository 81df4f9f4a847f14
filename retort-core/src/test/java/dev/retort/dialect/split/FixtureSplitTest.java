package dev.retort.dialect.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits the Chinook and Pagila scripts and runs every statement on a real database: the split is
 * right only if the database accepts each piece and ends up with the expected data.
 */
class FixtureSplitTest {
  /** Every statement in the Chinook scripts starts a line with one of these words. */
  private static final Pattern CHINOOK_STATEMENT_START =
      Pattern.compile("^(DROP|CREATE|INSERT|ALTER|USE)\\b", Pattern.MULTILINE);

  /** Statements about pgvector: the extension, its type and the one table that uses it. */
  private static final Pattern PGVECTOR = Pattern.compile("\\bvector\\b|film_embedding");

  @TempDir Path dir;

  @Test
  void chinookOnSqlite() throws Exception {
    String script = TestDatabases.fixture("chinook/Chinook_Sqlite.sql");
    List<SqlStatement> statements = new SqliteSplitter().split(script);

    assertThat(statements).extracting(SqlStatement::line).isEqualTo(statementLines(script));
    assertVerbatimAtTheirLines(script, statements);
    assertThat(statements.get(0)).isEqualTo(new SqlStatement("DROP TABLE IF EXISTS [Album]", 45));
    try (Connection connection = TestDatabases.sqlite(dir)) {
      TestDatabases.execute(connection, statements);

      assertChinookCounts(connection, "Artist", "Album", "Track", "Invoice", "InvoiceLine");
    }
  }

  @Test
  void chinookOnPostgresRefusesTheConnectMetaCommand() throws Exception {
    String script = TestDatabases.fixture("chinook/Chinook_PostgreSql.sql");
    int metaLine = lineOf(script, "\\c chinook;");

    assertThat(metaLine).isEqualTo(28);
    assertThatThrownBy(() -> new PostgresSplitter().split(script))
        .isInstanceOfSatisfying(
            SqlSplitException.class,
            e -> {
              assertThat(e.line()).isEqualTo(metaLine);
              assertThat(e.problem()).startsWith("psql meta-command \\c is not SQL");
            });
  }

  @Test
  void chinookOnPostgres() throws Exception {
    String raw = TestDatabases.fixture("chinook/Chinook_PostgreSql.sql");
    // Blank the \c line rather than delete it, so that line numbers still match the file.
    String script = raw.replace("\\c chinook;", "");
    List<SqlStatement> statements = new PostgresSplitter().split(script);

    assertThat(statements).extracting(SqlStatement::line).isEqualTo(statementLines(script));
    assertVerbatimAtTheirLines(script, statements);
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, withoutDatabaseStatements(statements));

      assertChinookCounts(connection, "artist", "album", "track", "invoice", "invoice_line");
    }
  }

  @Test
  void chinookOnMariaDb() throws Exception {
    String script = TestDatabases.fixture("chinook/Chinook_MySql.sql");
    List<SqlStatement> statements = new MySqlSplitter().split(script);

    assertThat(statements).extracting(SqlStatement::line).isEqualTo(statementLines(script));
    assertVerbatimAtTheirLines(script, statements);
    assertThat(statements.get(2)).isEqualTo(new SqlStatement("USE `Chinook`", 28));
    try (TestDatabases.Fresh db = TestDatabases.mariadb();
        Connection connection = db.connect()) {
      TestDatabases.execute(connection, withoutDatabaseStatements(statements));

      assertChinookCounts(connection, "Artist", "Album", "Track", "Invoice", "InvoiceLine");
    }
  }

  @Test
  void pagilaSplitsIntoVerbatimStatementsAtTheirLines() throws Exception {
    String script = TestDatabases.fixture("pagila/pagila-schema.sql");
    List<SqlStatement> statements = new PostgresSplitter().split(script);

    assertVerbatimAtTheirLines(script, statements);
    assertThat(statements.get(0)).isEqualTo(new SqlStatement("SET statement_timeout = 0", 8));
    assertThat(statements)
        .filteredOn(s -> s.sql().startsWith("CREATE FUNCTION public.rewards_report("))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.line()).isEqualTo(293);
              assertThat(s.sql()).endsWith("RETURN;\nEND\n$_$");
            });
    assertThat(statements.get(statements.size() - 1))
        .isEqualTo(new SqlStatement("GRANT ALL ON SCHEMA public TO PUBLIC", 3029));
  }

  /**
   * This pagila-schema.sql is a dump for PostgreSQL 18 with pgvector: it uses uuidv7(), VIRTUAL
   * generated columns and the vector extension. On such a server it runs as it is.
   */
  @Test
  void pagilaRunsUnchangedOnPostgres18WithPgvector() throws Exception {
    String script = TestDatabases.fixture("pagila/pagila-schema.sql");
    List<SqlStatement> statements = new PostgresSplitter().split(script);
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      String missing = pagilaPrerequisitesMissing(connection);
      assumeTrue(missing.isEmpty(), "PostgreSQL not tested with pagila unchanged: " + missing);

      TestDatabases.execute(connection, statements);

      assertPagilaObjects(connection, script, 0);
    }
  }

  /**
   * On an older server, runs every statement the dump splits into, with the three PostgreSQL 18 and
   * pgvector features swapped for their older equivalents statement by statement: the script itself
   * is split unchanged.
   */
  @Test
  void pagilaRunsOnOlderPostgresWithoutPostgres18Features() throws Exception {
    String script = TestDatabases.fixture("pagila/pagila-schema.sql");
    List<SqlStatement> statements = new PostgresSplitter().split(script);
    try (TestDatabases.Fresh db = TestDatabases.postgres();
        Connection connection = db.connect()) {
      assumeTrue(
          !pagilaPrerequisitesMissing(connection).isEmpty(),
          "covered by pagilaRunsUnchangedOnPostgres18WithPgvector on this server");
      List<SqlStatement> older =
          statements.stream()
              .filter(s -> !PGVECTOR.matcher(s.sql()).find())
              .map(
                  s ->
                      new SqlStatement(
                          s.sql()
                              .replace("uuidv7()", "gen_random_uuid()")
                              .replace(" VIRTUAL\n", " STORED\n"),
                          s.line()))
              .toList();
      assertThat(statements.size() - older.size()).isEqualTo(8);

      TestDatabases.execute(connection, older);

      assertPagilaObjects(connection, script, 1);
    }
  }

  /** What this server lacks for pagila-schema.sql as it is, or an empty string. */
  private static String pagilaPrerequisitesMissing(Connection connection) throws Exception {
    List<String> missing = new ArrayList<>();
    if (TestDatabases.count(connection, "SELECT current_setting('server_version_num')::int")
        < 180000) {
      missing.add(
          "it needs PostgreSQL 18+ (uuidv7(), VIRTUAL generated columns), server is "
              + TestDatabases.queryString(connection, "SHOW server_version"));
    }
    if (TestDatabases.count(
            connection, "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")
        == 0) {
      missing.add("it needs the pgvector extension, which the server does not have");
    }
    return String.join("; ", missing);
  }

  private static void assertPagilaObjects(Connection connection, String script, int leftOut)
      throws Exception {
    assertThat(
            TestDatabases.count(
                connection,
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"))
        .isEqualTo(count(script, "^CREATE TABLE ") - leftOut);
    assertThat(
            TestDatabases.count(
                connection,
                "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
                    + " AND tgrelid::regclass::text NOT LIKE 'payment_p%'"))
        .isEqualTo(count(script, "^CREATE TRIGGER ") - leftOut);
    assertThat(TestDatabases.queryString(connection, "SELECT public._group_concat('a', 'b')"))
        .isEqualTo("a, b");
    assertThat(
            TestDatabases.queryString(
                connection, "SELECT public.last_day('2024-02-10'::timestamp)::text"))
        .isEqualTo("2024-02-29");
  }

  /** Each statement is the script's own text, starting on its line after any indentation. */
  private static void assertVerbatimAtTheirLines(String script, List<SqlStatement> statements) {
    List<Integer> lineStarts = new ArrayList<>();
    lineStarts.add(0);
    for (int i = 0; i < script.length(); i++) {
      if (script.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
    for (SqlStatement statement : statements) {
      int at = lineStarts.get(statement.line() - 1);
      while (Character.isWhitespace(script.charAt(at)) && script.charAt(at) != '\n') {
        at++;
      }
      assertThat(script.startsWith(statement.sql(), at))
          .as("statement at line %d is the script's text there", statement.line())
          .isTrue();
    }
  }

  @Test
  void chinookSplitsWellUnder100Milliseconds() throws Exception {
    String sqlite = TestDatabases.fixture("chinook/Chinook_Sqlite.sql");
    String postgres = TestDatabases.fixture("chinook/Chinook_PostgreSql.sql").replace("\\c ", "");
    String mysql = TestDatabases.fixture("chinook/Chinook_MySql.sql");

    assertThat(bestMillis(() -> new SqliteSplitter().split(sqlite))).isLessThan(100);
    assertThat(bestMillis(() -> new PostgresSplitter().split(postgres))).isLessThan(100);
    assertThat(bestMillis(() -> new MySqlSplitter().split(mysql))).isLessThan(100);
  }

  /** The best of a few runs, so that JIT warm-up and a busy machine do not decide the result. */
  private static long bestMillis(Runnable split) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      split.run();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    return best;
  }

  private static void assertChinookCounts(
      Connection connection,
      String artist,
      String album,
      String track,
      String invoice,
      String invoiceLine)
      throws Exception {
    assertThat(TestDatabases.count(connection, "SELECT count(*) FROM " + artist)).isEqualTo(275);
    assertThat(TestDatabases.count(connection, "SELECT count(*) FROM " + album)).isEqualTo(347);
    assertThat(TestDatabases.count(connection, "SELECT count(*) FROM " + track)).isEqualTo(3503);
    assertThat(TestDatabases.count(connection, "SELECT count(*) FROM " + invoice)).isEqualTo(412);
    assertThat(TestDatabases.count(connection, "SELECT count(*) FROM " + invoiceLine))
        .isEqualTo(2240);
  }

  /** The Chinook scripts create their own database; the test runs them in a fresh one instead. */
  private static List<SqlStatement> withoutDatabaseStatements(List<SqlStatement> statements) {
    return statements.stream()
        .filter(
            s -> {
              String upper = s.sql().toUpperCase(Locale.ROOT);
              return !upper.startsWith("DROP DATABASE")
                  && !upper.startsWith("CREATE DATABASE")
                  && !upper.startsWith("USE ");
            })
        .toList();
  }

  private static List<Integer> statementLines(String script) {
    List<Integer> lines = new ArrayList<>();
    Matcher matcher = CHINOOK_STATEMENT_START.matcher(script);
    while (matcher.find()) {
      lines.add(lineAt(script, matcher.start()));
    }
    return lines;
  }

  private static int lineOf(String script, String text) {
    return lineAt(script, script.indexOf(text));
  }

  private static int lineAt(String script, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (script.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static long count(String script, String regex) {
    return Pattern.compile(regex, Pattern.MULTILINE).matcher(script).results().count();
  }
}

package dev.retort.cli.config;

import static dev.retort.cli.config.ConfigTestFiles.configError;
import static dev.retort.cli.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relative paths in the file are anchored at the file, whatever the working directory. */
class ConfigPathsTest {
  @TempDir Path tmp;

  @Test
  void relativeSqlitePathIsTheSameFileFromAnyWorkingDirectory() throws Exception {
    Path conf = tmp.resolve("project/conf");
    Path file = write(conf, "url = \"jdbc:sqlite:data/app.db\"\n");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(conf.resolve("data"));

    ResolvedConfig fromElsewhere = ConfigLoader.load(file, null, Map.of(), Map.of(), elsewhere);
    ResolvedConfig relativeConfig =
        ConfigLoader.load(
            Path.of("../project/conf/retort.toml"), null, Map.of(), Map.of(), elsewhere);
    ResolvedConfig fromConfDir = ConfigLoader.load(null, null, Map.of(), Map.of(), conf);

    Path db = conf.resolve("data/app.db");
    assertThat(fromElsewhere.url()).isEqualTo("jdbc:sqlite:" + db);
    assertThat(relativeConfig.url()).isEqualTo(fromElsewhere.url());
    assertThat(fromConfDir.url()).isEqualTo(fromElsewhere.url());

    // The driver really opens that file.
    try (Connection c = DriverManager.getConnection(fromElsewhere.url());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    assertThat(db).isRegularFile();
    assertThat(elsewhere.resolve("data/app.db")).doesNotExist();
  }

  @Test
  void queryOfAPlainPathIsKept() throws Exception {
    Path file = write(tmp, "url = \"jdbc:sqlite:app.db?journal_mode=WAL\"\n");
    ResolvedConfig c = ConfigLoader.load(file, null, Map.of(), Map.of(), tmp.resolve("x"));
    assertThat(c.url()).isEqualTo("jdbc:sqlite:" + tmp.resolve("app.db") + "?journal_mode=WAL");
    try (Connection conn = DriverManager.getConnection(c.url());
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    assertThat(tmp.resolve("app.db")).isRegularFile();
  }

  @Test
  void sqliteUriFormIsResolvedKeepingItsQuery() throws Exception {
    Path file = write(tmp, "url = \"jdbc:sqlite:file:rel.db?x=y\"\n");
    ResolvedConfig c = ConfigLoader.load(file, null, Map.of(), Map.of(), tmp.resolve("x"));
    assertThat(c.url()).isEqualTo("jdbc:sqlite:file:" + tmp.resolve("rel.db") + "?x=y");

    Path other = write(tmp.resolve("uri"), "url = \"jdbc:sqlite:file:sub/u.db?mode=rwc\"\n");
    Files.createDirectories(tmp.resolve("uri/sub"));
    ResolvedConfig rwc = ConfigLoader.load(other, null, Map.of(), Map.of(), tmp);
    try (Connection conn = DriverManager.getConnection(rwc.url());
        Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    assertThat(tmp.resolve("uri/sub/u.db")).isRegularFile();
  }

  @Test
  void absoluteMemoryAndOtherUrlsAreUntouched() {
    Path base = tmp.resolve("base");
    String absolute = "jdbc:sqlite:" + tmp.resolve("abs.db") + "?journal_mode=WAL";
    assertThat(JdbcUrls.resolveSqlite(absolute, base)).isEqualTo(absolute);
    for (String url :
        new String[] {
          "jdbc:sqlite:",
          "jdbc:sqlite::memory:",
          "jdbc:sqlite::resource:db/app.db",
          "jdbc:sqlite:file::memory:?cache=shared",
          "jdbc:sqlite:file:mem1?mode=memory&cache=shared",
          "jdbc:sqlite:file:///var/db/app.db",
          "jdbc:sqlite:file:/var/db/app.db?x=y",
          "jdbc:postgresql://h:5432/app",
          "jdbc:mariadb://h/app?user=u"
        }) {
      assertThat(JdbcUrls.resolveSqlite(url, base)).as(url).isEqualTo(url);
    }
  }

  @Test
  void absoluteSqlitePathInTheFileIsUntouched() {
    String url = "jdbc:sqlite:" + tmp.resolve("abs/app.db");
    Path file = write(tmp.resolve("conf"), "url = \"" + url + "\"\n");
    assertThat(ConfigLoader.load(file, null, Map.of(), Map.of(), tmp).url()).isEqualTo(url);
  }

  @Test
  void relativeSqliteUrlFromTheEnvironmentIsRelativeToTheWorkingDirectory() {
    Path file = write(tmp.resolve("conf"), "url = \"jdbc:sqlite:file.db\"\n");
    Path cwd = tmp.resolve("cwd");
    ResolvedConfig c =
        ConfigLoader.load(file, null, Map.of(), Map.of("RETORT_URL", "jdbc:sqlite:env.db"), cwd);
    assertThat(c.url()).isEqualTo("jdbc:sqlite:" + cwd.resolve("env.db"));
  }

  @Test
  void migrationFoldersAreRelativeToTheFileAndClasspathIsKept() {
    Path conf = tmp.resolve("conf");
    Path file =
        write(
            conf,
            """
            url = "jdbc:postgresql://h/db"
            migrations = ["migrations", "../shared/sql", "classpath:db/retort", "/opt/m"]
            """);
    ResolvedConfig c = ConfigLoader.load(file, null, Map.of(), Map.of(), tmp.resolve("cwd"));
    assertThat(c.migrationLocations())
        .containsExactly(
            conf.resolve("migrations").toString(),
            tmp.resolve("shared/sql").toString(),
            "classpath:db/retort",
            Path.of("/opt/m").toAbsolutePath().toString());
  }

  @Test
  void singleStringMigrationsIsAccepted() {
    Path file = write(tmp, "url = \"jdbc:postgresql://h/db\"\nmigrations = \"sql\"\n");
    assertThat(ConfigLoader.load(file, null, Map.of(), Map.of(), tmp).migrationLocations())
        .containsExactly(tmp.resolve("sql").toString());
  }

  @Test
  void emptyMigrationsIsAnError() {
    Path file = write(tmp, "url = \"jdbc:postgresql://h/db\"\nmigrations = []\n");
    assertThat(configError(() -> ConfigLoader.load(file, null, Map.of(), Map.of(), tmp)))
        .contains(file + ":2")
        .contains("'migrations' lists no location");
  }

  @Test
  void passwordFileIsReadRelativeToTheConfigWithoutTrailingNewline() throws Exception {
    Path conf = tmp.resolve("conf");
    Files.createDirectories(conf.resolve("secrets"));
    Files.writeString(conf.resolve("secrets/db"), "s3cr$t with spaces \n");
    Files.writeString(conf.resolve("secrets/crlf"), "windows\r\n");
    Path file =
        write(
            conf,
            """
            url = "jdbc:postgresql://h/db"
            password_file = "secrets/db"
            [profiles.win]
            password_file = "secrets/crlf"
            """);
    Path cwd = tmp.resolve("cwd");
    assertThat(ConfigLoader.load(file, null, Map.of(), Map.of(), cwd).password())
        .isEqualTo("s3cr$t with spaces ");
    assertThat(ConfigLoader.load(file, "win", Map.of(), Map.of(), cwd).password())
        .isEqualTo("windows");
  }

  @Test
  void higherLayerPasswordBeatsLowerPasswordFileAndViceVersa() throws Exception {
    Files.writeString(tmp.resolve("pw"), "from-file\n");
    Path file = write(tmp, "url = \"jdbc:postgresql://h/db\"\npassword_file = \"pw\"\n");
    assertThat(
            ConfigLoader.load(file, null, Map.of(), Map.of("RETORT_PASSWORD", "from-env"), tmp)
                .password())
        .isEqualTo("from-env");

    Path file2 = write(tmp.resolve("b"), "url = \"jdbc:postgresql://h/db\"\npassword = \"p\"\n");
    assertThat(
            ConfigLoader.load(
                    file2,
                    null,
                    Map.of(),
                    Map.of("RETORT_PASSWORD_FILE", tmp.resolve("pw").toString()),
                    tmp)
                .password())
        .isEqualTo("from-file");
  }

  @Test
  void passwordAndPasswordFileTogetherIsAnError() {
    Path file =
        write(tmp, "url = \"jdbc:postgresql://h/db\"\npassword = \"a\"\npassword_file = \"pw\"\n");
    assertThat(configError(() -> ConfigLoader.load(file, null, Map.of(), Map.of(), tmp)))
        .contains("'password'")
        .contains("'password_file'")
        .contains("keep only one");
  }

  @Test
  void unreadablePasswordFileNamesTheFile() {
    Path file = write(tmp, "url = \"jdbc:postgresql://h/db\"\npassword_file = \"missing\"\n");
    assertThat(configError(() -> ConfigLoader.load(file, null, Map.of(), Map.of(), tmp)))
        .startsWith(file + ":2")
        .contains(tmp.resolve("missing").toString())
        .contains("NoSuchFileException");
  }
}

package dev.retort.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The shared fixture scripts, and simple ways to load them. */
public final class Fixtures {
  private Fixtures() {}

  /** A file of the repository's fixtures/ folder. */
  public static Path fixture(String relative) {
    try {
      return dev.retort.testsupport.Fixtures.path(relative);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Splits a Chinook script, which has no procedural bodies: drop comments, drop the lines that
   * create, drop or switch databases, split at semicolons that end a line.
   */
  public static List<String> chinookStatements(String file) throws IOException {
    String text = Files.readString(fixture("chinook/" + file), StandardCharsets.UTF_8);
    text = text.replace("\r\n", "\n").replaceAll("(?s)/\\*.*?\\*/", "");
    StringBuilder kept = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      String upper = trimmed.toUpperCase(Locale.ROOT);
      if (trimmed.startsWith("--")
          || upper.startsWith("CREATE DATABASE")
          || upper.startsWith("DROP DATABASE")
          || upper.startsWith("USE ")
          || trimmed.startsWith("\\c")) {
        continue;
      }
      kept.append(line).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String part : kept.toString().split(";\\s*\n")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  /** The Chinook statements without the INSERTs: just the schema. */
  public static List<String> chinookSchema(String file) throws IOException {
    return chinookStatements(file).stream()
        .filter(s -> !s.regionMatches(true, 0, "INSERT", 0, 6))
        .toList();
  }

  /**
   * Loads Pagila with psql. The fixture targets PostgreSQL 18 (uuidv7(), virtual generated columns)
   * and pgvector; on older servers or without pgvector those few lines are adapted
   * (gen_random_uuid(), STORED, a real[] column without the hnsw index) in a temp copy.
   */
  public static void loadPagila(TestDb db, Path tempDir) throws Exception {
    String sql = Files.readString(fixture("pagila/pagila-schema.sql"), StandardCharsets.UTF_8);
    int version = serverVersion(db);
    if (version < 180000) {
      sql = sql.replace("uuidv7()", "gen_random_uuid()").replace(") VIRTUAL", ") STORED");
    }
    if (!hasExtension(db, "vector")) {
      StringBuilder kept = new StringBuilder();
      for (String line : sql.split("\n", -1)) {
        if (line.contains("EXTENSION") && line.contains("vector") || line.contains("USING hnsw")) {
          continue;
        }
        kept.append(line.replace("public.vector(20)", "real[]")).append('\n');
      }
      sql = kept.toString();
    }
    Path file = tempDir.resolve("pagila-adapted.sql");
    Files.writeString(file, sql, StandardCharsets.UTF_8);
    psql(db, file);
  }

  static void psql(TestDb db, Path file) throws Exception {
    String[] hostPort = TestDb.hostAndPort(db.url);
    ProcessBuilder pb =
        new ProcessBuilder(
                "psql",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                hostPort[0],
                "-p",
                hostPort[1],
                "-U",
                "postgres",
                "-d",
                db.name,
                "-f",
                file.toString())
            .redirectErrorStream(true);
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("psql failed: " + output);
    }
  }

  static int serverVersion(TestDb db) throws Exception {
    try (var st = db.connection().createStatement();
        var rs = st.executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    }
  }

  static boolean hasExtension(TestDb db, String name) throws Exception {
    try (var ps =
        db.connection().prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}

package dev.retort;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.retort.source.Migration;
import dev.retort.source.SqlMigrationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files in Retort's format, for tests of every package. */
public final class MigrationFiles {
  private MigrationFiles() {}

  /**
   * The text of a migration file.
   *
   * @param parents space-separated parent ids, or "" for a root
   * @param down the down SQL, or null for a file without a down part
   */
  public static String text(String id, String parents, String up, String down) {
    StringBuilder sb = new StringBuilder();
    sb.append("-- retort:revision ").append(id).append('\n');
    if (!parents.isEmpty()) {
      sb.append("-- retort:parents ").append(parents).append('\n');
    }
    sb.append("-- retort:description migration ").append(id).append('\n');
    sb.append("-- retort:up\n").append(up).append('\n');
    if (down != null) {
      sb.append("-- retort:down\n").append(down).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@code text} to {@code folder/name}, creating the folder. */
  public static Path write(Path folder, String name, String text) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve(name), text, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a migration as {@code folder/<name>.sql}; names sort in the order tests give. */
  public static Path write(
      Path folder, String name, String id, String parents, String up, String down) {
    return write(folder, name + ".sql", text(id, parents, up, down));
  }

  /** A parsed migration with trivial up and down parts, for tests that need no database. */
  public static Migration migration(String id, String... parents) {
    return SqlMigrationParser.parse(
        id + ".sql", text(id, String.join(" ", parents), "SELECT 1;", "SELECT 2;"));
  }

  /** Like {@link #migration} but without a down part. */
  public static Migration migrationWithoutDown(String id, String... parents) {
    return SqlMigrationParser.parse(
        id + ".sql", text(id, String.join(" ", parents), "SELECT 1;", null));
  }
}

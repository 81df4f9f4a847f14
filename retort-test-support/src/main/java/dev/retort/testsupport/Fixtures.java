package dev.retort.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real-data fixtures (Chinook, Pagila) in the repository's {@code fixtures/} folder, found by
 * walking up from the test's working directory (a module folder) so it works in any clone.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The path of {@code fixtures/<relative>}, e.g. {@code chinook/Chinook_Sqlite.sql}. */
  public static Path path(String relative) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          new Path[] {
            dir.resolve("fixtures").resolve(relative),
            dir.resolve("shared/fixtures").resolve(relative)
          }) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IOException(
        "fixture "
            + relative
            + " not found in a fixtures/ folder above "
            + Path.of("").toAbsolutePath());
  }

  /** The text of a fixture. */
  public static String read(String relative) throws IOException {
    return Files.readString(path(relative));
  }
}

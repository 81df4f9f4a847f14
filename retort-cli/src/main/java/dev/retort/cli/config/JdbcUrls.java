package dev.retort.cli.config;

import dev.retort.Secrets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** The two things the CLI does to JDBC URLs: anchor SQLite files, and hide secrets. */
final class JdbcUrls {
  private static final String SQLITE = "jdbc:sqlite:";

  /**
   * A relative SQLite path resolved against {@code baseDir}, keeping any {@code ?query}.
   * sqlite-jdbc would otherwise resolve it against the process's working directory, so the same
   * retort.toml would point at different databases depending on where retort is run from. In-memory
   * databases ({@code :memory:}, {@code mode=memory}), classpath resources ({@code :resource:}) and
   * absolute paths are returned unchanged, as are other databases' URLs.
   */
  static String resolveSqlite(String url, Path baseDir) {
    if (!url.regionMatches(true, 0, SQLITE, 0, SQLITE.length())) {
      return url;
    }
    String rest = url.substring(SQLITE.length());
    int q = rest.indexOf('?');
    String location = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? "" : rest.substring(q);
    if (location.isEmpty() || location.startsWith(":")) {
      return url;
    }
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      // An SQLite URI filename (https://sqlite.org/uri.html): file:path, file:/abs, file:///abs.
      String file = location.substring(5);
      if (file.isEmpty()
          || file.startsWith("/")
          || file.startsWith(":memory:")
          || query.toLowerCase(Locale.ROOT).contains("mode=memory")) {
        return url;
      }
      Path path = absolute(file, baseDir);
      return path == null ? url : SQLITE + "file:" + uriPath(path) + query;
    }
    Path path = absolute(location, baseDir);
    return path == null ? url : SQLITE + path + query;
  }

  /** Null when already absolute or not a path this platform understands: leave it to the driver. */
  private static Path absolute(String location, Path baseDir) {
    try {
      Path path = Path.of(location);
      return path.isAbsolute() ? null : baseDir.resolve(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** SQLite URIs use forward slashes, a leading slash before a drive letter, and %-escapes. */
  private static String uriPath(Path path) {
    String p = path.toString().replace('\\', '/');
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    return p.replace("%", "%25").replace("?", "%3f").replace("#", "%23");
  }

  /**
   * The URL without {@code user:password@} userinfo and without password-like query parameters
   * ({@code password}, {@code sslpassword}, {@code trustStorePassword}, {@code pwd}, ...), for logs
   * and messages; the same redaction retort-core applies to database error messages.
   */
  static String redact(String url) {
    return Secrets.redact(url);
  }

  private JdbcUrls() {}
}

package dev.retort.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough parsing of {@code jdbc:<driver>://<hosts>/<database>?<query>} URLs (the form of both
 * PostgreSQL and MariaDB URLs) to swap the database and show the host without credentials.
 */
final class JdbcUrls {
  private JdbcUrls() {}

  /** The host list, e.g. {@code 127.0.0.1:5432}, without any {@code user:password@} part. */
  static String hosts(String url) {
    String authority = url.substring(authorityStart(url), authorityEnd(url));
    return authority.substring(authority.lastIndexOf('@') + 1);
  }

  /** The same URL, query included, pointing at database {@code name}. */
  static String withDatabase(String url, String name) {
    int query = url.indexOf('?', authorityStart(url));
    return url.substring(0, authorityEnd(url))
        + "/"
        + name
        + (query < 0 ? "" : url.substring(query));
  }

  /** The decoded value of query parameter {@code key}, or {@code null}. */
  static String parameter(String url, String key) {
    int query = url.indexOf('?', authorityStart(url));
    if (query < 0) {
      return null;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equals(key)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static int authorityStart(String url) {
    int slashes = url.indexOf("//");
    if (!url.startsWith("jdbc:") || slashes < 0) {
      throw new IllegalArgumentException(
          "not a jdbc:<driver>://host:port/database URL (starts with "
              + url.substring(0, Math.min(url.length(), 12))
              + "...)");
    }
    return slashes + 2;
  }

  private static int authorityEnd(String url) {
    int start = authorityStart(url);
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?') {
        return i;
      }
    }
    return url.length();
  }
}

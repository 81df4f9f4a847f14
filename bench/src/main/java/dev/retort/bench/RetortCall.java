package dev.retort.bench;

import dev.retort.Retort;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Retort's documented library call. */
final class RetortCall {
  private RetortCall() {}

  static int migrate(String url, String user, Path folder) {
    return prepare(url, user, folder).upgrade().steps().size();
  }

  static Retort prepare(String url, String user, Path folder) {
    return Retort.configure().url(url, user, null).locations(folder.toString()).build();
  }

  static Retort prepare(DataSource pool, Path folder) {
    return Retort.configure().dataSource(pool).locations(folder.toString()).build();
  }
}

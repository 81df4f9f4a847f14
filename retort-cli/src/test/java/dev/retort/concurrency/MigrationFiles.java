package dev.retort.concurrency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes generated migration files: a straight chain m001 → m002 → ... */
final class MigrationFiles {
  private MigrationFiles() {}

  /** One migration's up SQL and whether it runs in a transaction. */
  record Up(String sql, boolean transactional) {
    static Up of(String sql) {
      return new Up(sql, true);
    }
  }

  /** The revision id of the {@code n}-th migration (from 1). */
  static String id(int n) {
    return String.format("m%03d", n);
  }

  /** Writes {@code ups} as migrations 1..n into {@code dir}; returns their revision ids. */
  static List<String> chain(Path dir, List<Up> ups) {
    return append(dir, 0, ups);
  }

  /** Writes {@code ups} as migrations after the first {@code existing} ones. */
  static List<String> append(Path dir, int existing, List<Up> ups) {
    List<String> ids = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < ups.size(); i++) {
        int n = existing + i + 1;
        StringBuilder text = new StringBuilder();
        text.append("-- retort:revision ").append(id(n)).append('\n');
        if (n > 1) {
          text.append("-- retort:parents ").append(id(n - 1)).append('\n');
        }
        text.append("-- retort:description generated migration ").append(n).append('\n');
        if (!ups.get(i).transactional()) {
          text.append("-- retort:transaction false\n");
        }
        text.append("-- retort:up\n").append(ups.get(i).sql()).append('\n');
        Files.writeString(dir.resolve(id(n) + ".sql"), text);
        ids.add(id(n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}

package dev.retort.bench;

import java.nio.file.Path;

/**
 * A minimal Flyway command line: {@code java -jar flyway-main.jar JDBC_URL FOLDER} migrates and
 * says how many migrations ran. Flyway's own CLI is not published on Maven Central as a runnable
 * tool, so the benchmark starts this instead: it does no more than that CLI's migrate would.
 */
public final class FlywayMain {
  private FlywayMain() {}

  public static void main(String[] args) {
    int n = FlywayCall.migrate(args[0], args.length > 2 ? args[2] : null, Path.of(args[1]));
    System.out.println(n == 0 ? "flyway: up to date" : "flyway: applied " + n);
  }
}

package dev.retort.bench;

import java.nio.file.Path;

/**
 * A minimal Liquibase command line: {@code java -jar liquibase-main.jar JDBC_URL FOLDER} runs
 * "update" with FOLDER/changelog.xml. Started instead of Liquibase's own CLI (whose distribution is
 * not a Maven Central artifact) so that all three tools start the same way.
 */
public final class LiquibaseMain {
  private LiquibaseMain() {}

  public static void main(String[] args) throws Exception {
    LiquibaseCall.migrate(args[0], args.length > 2 ? args[2] : null, Path.of(args[1]));
    System.out.println("liquibase: update done");
  }
}

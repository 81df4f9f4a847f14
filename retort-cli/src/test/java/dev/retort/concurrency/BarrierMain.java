package dev.retort.concurrency;

import dev.retort.cli.Main;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * A child for the start-at-once test. Arguments: the ready file, the go file, then the retort
 * command line. It loads the CLI and the JDBC drivers first (so JVM start-up spread does not
 * serialize the children), creates the ready file, waits for the go file and then runs {@link
 * Main#main}, which exits with the command's exit code.
 */
public final class BarrierMain {
  private BarrierMain() {}

  public static void main(String[] args) throws Exception {
    Path ready = Path.of(args[0]);
    Path go = Path.of(args[1]);
    String[] command = new String[args.length - 2];
    System.arraycopy(args, 2, command, 0, command.length);

    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Main.run(new String[] {"upgrade", "--help"}, nowhere, nowhere);
    DriverManager.getDrivers();
    Files.createFile(ready);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        System.err.println("BarrierMain: no go file after 120 s");
        System.exit(99);
      }
      Thread.sleep(1);
    }
    Main.main(command);
  }
}

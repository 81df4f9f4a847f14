package dev.retort.cli;

import java.io.PrintWriter;

/**
 * Shows how far a long piece of work has got, such as {@code copying "track": 450000/1000000 rows
 * (45%)}. On a terminal one line is rewritten in place with {@code \r}; into a file or pipe (a
 * deploy log) at most one line per 10%. Work whose first report already says it is finished (a
 * small table copied in one go) shows nothing.
 */
final class ProgressLine {
  private final PrintWriter out;
  private final boolean terminal;
  private String current;
  private int lastDecile;
  private boolean open;

  ProgressLine(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void report(String what, long done, long total) {
    boolean complete = done >= total;
    if (!what.equals(current)) {
      end();
      if (complete) {
        return;
      }
      current = what;
      lastDecile = -1;
    }
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    String line = what + ": " + done + "/" + total + " rows (" + percent + "%)";
    if (terminal) {
      out.print("\r" + line);
      open = true;
    } else if (percent / 10 > lastDecile) {
      out.println(line);
      lastDecile = percent / 10;
    }
    if (complete) {
      end();
    }
    out.flush();
  }

  /** Ends a line left open on the terminal, before anything else is printed. */
  void end() {
    if (open) {
      out.println();
      out.flush();
      open = false;
    }
    current = null;
  }
}

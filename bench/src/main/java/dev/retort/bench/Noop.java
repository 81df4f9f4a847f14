package dev.retort.bench;

/**
 * The floor of scenario 1a: a JVM with the launcher's flags that starts, prints and exits. No CLI
 * on the JVM can start faster on this machine; the table shows it beside the launcher's time.
 */
public final class Noop {
  private Noop() {}

  public static void main(String[] args) {
    System.out.println("up to date (JVM start floor)");
  }
}

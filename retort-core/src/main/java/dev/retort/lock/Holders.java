package dev.retort.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a lock holder in this process is named to another waiter. */
final class Holders {
  private Holders() {}

  /** "pid@host", the form {@code jps} and most JVM tools use. */
  static String thisProcess() {
    return ProcessHandle.current().pid() + "@" + HostName.VALUE;
  }

  /** Looked up once, on first use: the lookup may ask DNS. */
  private static final class HostName {
    static final String VALUE = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown-host";
      }
    }
  }
}

package dev.retort.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this JVM runs as; both embedded servers refuse root unless worked around. */
final class Users {
  private Users() {}

  /** True when files this process creates belong to uid 0 (false where there are no uids). */
  static boolean runningAsRoot() {
    Path probe = null;
    try {
      probe = Files.createTempFile("retort-uid", ".probe");
      return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException e) {
          probe.toFile().deleteOnExit();
        }
      }
    }
  }
}

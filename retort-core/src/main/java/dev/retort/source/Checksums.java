package dev.retort.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migrations, normalised so that cosmetic edits never fail validation: line endings
 * (CRLF, CR, LF), trailing whitespace on a line, blank lines at the start and end, and a byte order
 * mark do not count. Flyway's CRC over raw lines broke on CRLF (flyway #253, #1837) and Liquibase
 * changed its algorithm silently between releases (liquibase #4457): every checksum is stored with
 * the name of its algorithm, and a new algorithm will get a new name.
 */
public final class Checksums {
  /** The algorithm in use; stored in the history table next to each checksum. */
  public static final String ALGORITHM = "sha256-norm-v1";

  /**
   * Copied for each checksum: a provider look-up per file (MessageDigest.getInstance) made the JVM
   * generate reflection code part-way through loading 200 migrations at start-up.
   */
  private static final MessageDigest SHA_256 = sha256();

  private Checksums() {}

  /** The hex SHA-256 of the normalised text. */
  public static String of(String text) {
    byte[] hash = newDigest().digest(normalise(text).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash);
  }

  private static MessageDigest newDigest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256(); // a provider whose digests cannot be copied
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The text as it is hashed: LF line endings, no trailing blanks, no blank edges. */
  static String normalise(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = s.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder(s.length());
    for (String line : lines) {
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString().strip();
  }
}

package dev.retort.testsupport;

import java.security.SecureRandom;

/** Random database names that need no quoting on any supported database. */
final class Names {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  /** {@code retort_} followed by 10 random characters from [a-z0-9]. */
  static String random() {
    StringBuilder name = new StringBuilder("retort_");
    for (int i = 0; i < 10; i++) {
      name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}

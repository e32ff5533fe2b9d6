package io.continuity.server.execution;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * New execution request ids: {@code EX-} + the creation time in milliseconds as 10 Crockford base32
 * characters + {@code -} + 8 random ones, for example {@code EX-01JB3Q5M2K-7RZ4XW9D}. They sort by
 * creation time, are short enough to read out on a bridge call, avoid the letters that look like
 * digits (I, L, O, U), and 40 random bits make a clash within one millisecond negligible; the
 * primary key is the last guard.
 */
final class ExecutionIds {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ExecutionIds() {}

  static String next(Instant now) {
    StringBuilder id = new StringBuilder("EX-");
    long millis = now.toEpochMilli();
    for (int shift = 45; shift >= 0; shift -= 5) {
      id.append(ALPHABET[(int) ((millis >>> shift) & 31)]);
    }
    id.append('-');
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET[RANDOM.nextInt(32)]);
    }
    return id.toString();
  }
}

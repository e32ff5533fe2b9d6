package io.continuity.server.inventory;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}) and sizes
 * ({@code 16MB}, {@code 1GiB}, plain bytes) written in inventory files. Errors say the accepted
 * format.
 */
final class Units {

  static final String DURATION_FORMAT =
      "write a whole number followed by ms, s, m, h or d (for example 500ms, 30s, 5m, 1h)";
  static final String SIZE_FORMAT =
      "write a whole number of bytes, optionally followed by KB, MB, GB, TB (powers of 1000)"
          + " or KiB, MiB, GiB, TiB (powers of 1024), for example 16MB or 1GiB";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]i?b|b)?");

  private Units() {}

  /**
   * @throws IllegalArgumentException naming the accepted format
   */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: " + DURATION_FORMAT);
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }

  /**
   * @throws IllegalArgumentException naming the accepted format
   */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size: " + SIZE_FORMAT);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    try {
      return Math.multiplyExact(amount, factor(unit));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a size: " + SIZE_FORMAT);
    }
  }

  private static long factor(String unit) {
    long base = unit.length() == 3 ? 1024 : 1000;
    int power = "bkmgt".indexOf(unit.charAt(0));
    long factor = 1;
    for (int i = 0; i < power; i++) {
      factor *= base;
    }
    return factor;
  }
}

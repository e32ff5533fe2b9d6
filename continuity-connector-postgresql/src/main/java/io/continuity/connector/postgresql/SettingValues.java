package io.continuity.connector.postgresql;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text values of connector settings: durations and sizes. */
final class SettingValues {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|kib|mib|gib)?");

  private SettingValues() {}

  /** {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, a plain number of seconds, or ISO-8601. */
  static Duration duration(String key, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("pt")) {
      try {
        return positive(key, Duration.parse(value.toUpperCase(Locale.ROOT)));
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(key, "a duration such as 3s, 500ms or 2m");
      }
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw invalid(key, "a duration such as 3s, 500ms or 2m");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofSeconds(amount);
        };
    return positive(key, d);
  }

  /** Bytes: a plain number, or KB/MB/GB (powers of 1000) or KiB/MiB/GiB (powers of 1024). */
  static long size(String key, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(key, "a size such as 16MB, 64MiB or 1048576");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit) {
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          case "kib" -> 1L << 10;
          case "mib" -> 1L << 20;
          case "gib" -> 1L << 30;
          default -> 1L;
        };
    return Math.multiplyExact(amount, factor);
  }

  private static Duration positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw invalid(key, "a positive duration");
    }
    return d;
  }

  private static IllegalArgumentException invalid(String key, String expected) {
    return new IllegalArgumentException("setting '" + key + "' must be " + expected);
  }
}

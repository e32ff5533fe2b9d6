package io.continuity.connector.simulated;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of the string settings of an inventory entry. Every error names the
 * setting and shows an accepted spelling, so the inventory author knows what to write.
 */
final class SettingParser {

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> settings;

  SettingParser(Map<String, String> settings) {
    this.settings = settings;
  }

  Optional<String> text(String key) {
    String value = settings.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * {@code 50ms}, {@code 2s}, {@code 1.5s}, {@code 10m}, {@code 1h}, ISO {@code PT5S}; bare = s.
   */
  Optional<Duration> duration(String key) {
    return text(key).map(value -> parseDuration(key, value));
  }

  Optional<Long> nonNegativeLong(String key) {
    return text(key)
        .map(
            value -> {
              try {
                long parsed = Long.parseLong(value);
                if (parsed < 0) {
                  throw new NumberFormatException();
                }
                return parsed;
              } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number >= 0, for example 1000000");
              }
            });
  }

  Optional<Long> anyLong(String key) {
    return text(key)
        .map(
            value -> {
              try {
                return Long.parseLong(value);
              } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number, for example 42");
              }
            });
  }

  Optional<Double> fraction(String key) {
    return text(key)
        .map(
            value -> {
              try {
                double parsed = Double.parseDouble(value);
                if (!(parsed >= 0 && parsed <= 1)) {
                  throw new NumberFormatException();
                }
                return parsed;
              } catch (NumberFormatException e) {
                throw invalid(key, value, "a fraction between 0 and 1, for example 0.1");
              }
            });
  }

  static Duration parseDuration(String key, String value) {
    if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
      try {
        Duration parsed = Duration.parse(value);
        if (parsed.isNegative()) {
          throw invalid(key, value, "a duration >= 0");
        }
        return parsed;
      } catch (DateTimeParseException e) {
        throw invalid(key, value, "a duration such as 50ms, 2s, 10m, 1h or PT5S");
      }
    }
    Matcher matcher = SIMPLE_DURATION.matcher(value);
    if (!matcher.matches()) {
      throw invalid(key, value, "a duration such as 50ms, 2s, 10m, 1h or PT5S");
    }
    double amount = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "m" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          default -> amount * 1_000;
        };
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(
        "setting '" + key + "' is '" + value + "': expected " + expected);
  }
}

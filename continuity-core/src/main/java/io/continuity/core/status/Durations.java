package io.continuity.core.status;

import java.time.Duration;

/**
 * Short human spelling of durations for reason messages: {@code 250ms}, {@code 45s}, {@code 2m 5s}.
 */
final class Durations {

  private Durations() {}

  static String human(Duration duration) {
    if (duration.isNegative()) {
      return "-" + human(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.getSeconds();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long secs = seconds % 60;
    StringBuilder text = new StringBuilder();
    append(text, days, "d");
    append(text, hours, "h");
    append(text, minutes, "m");
    append(text, secs, "s");
    return text.toString();
  }

  private static void append(StringBuilder text, long value, String unit) {
    if (value > 0) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(value).append(unit);
    }
  }
}

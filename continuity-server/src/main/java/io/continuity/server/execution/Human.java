package io.continuity.server.execution;

import java.time.Duration;

/** Short human spelling of durations in check details and conclusions: 250ms, 45s, 2m 5s. */
final class Human {

  private Human() {}

  static String duration(Duration duration) {
    if (duration.isNegative()) {
      return "-" + duration(duration.negated());
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.getSeconds();
    StringBuilder text = new StringBuilder();
    long[] values = {
      seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60
    };
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] > 0) {
        text.append(text.length() > 0 ? " " : "").append(values[i]).append(units[i]);
      }
    }
    return text.toString();
  }
}

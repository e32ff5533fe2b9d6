package io.continuity.server.web.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Durations and ages in the few words an operator reads at a glance ("12 s ago", "2 min"). */
final class Ages {

  private Ages() {}

  /** "12 s ago", "2 min ago", "3 h ago", "2 d ago"; "never" when there is no time. */
  static String ago(Optional<Instant> then, Instant now) {
    return then.map(t -> ago(t, now)).orElse("never");
  }

  static String ago(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    return (age.isNegative() ? "0 s" : span(age)) + " ago";
  }

  /** A duration in its largest sensible unit: "850 ms", "12 s", "1.5 s", "2 min", "3 h", "2 d". */
  static String span(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return (seconds / 60) + " min";
    }
    if (seconds < 172_800) {
      return (seconds / 3600) + " h";
    }
    return (seconds / 86_400) + " d";
  }
}

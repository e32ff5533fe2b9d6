package io.continuity.cli;

/** Seconds as a person reads them: 45s, 3m10s, 2h05m, 3d04h. */
final class Durations {

  private Durations() {}

  static String human(long seconds) {
    if (seconds < 0) {
      return "-" + human(-seconds);
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : String.format("%02ds", seconds % 60));
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h" + String.format("%02dm", (seconds % 3600) / 60);
    }
    return seconds / 86_400 + "d" + String.format("%02dh", (seconds % 86_400) / 3600);
  }
}

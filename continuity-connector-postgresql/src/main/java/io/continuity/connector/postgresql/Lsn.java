package io.continuity.connector.postgresql;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ReplicationMarker;
import java.util.Locale;

/**
 * A PostgreSQL WAL position ({@code pg_lsn}): spelled {@code 16/B374D848}, a 64-bit number whose
 * difference between two positions is the WAL in bytes between them.
 */
record Lsn(long value) implements Comparable<Lsn> {

  static final String MARKER_KIND = "WAL_LSN";

  Lsn {
    if (value < 0) {
      throw new IllegalArgumentException("an LSN is never negative: " + value);
    }
  }

  /**
   * Parses {@code X/Y} (both hexadecimal).
   *
   * @throws IllegalArgumentException naming the text when it is not an LSN
   */
  static Lsn parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not a WAL LSN such as 0/3000148");
    }
    try {
      long high = Long.parseLong(text.substring(0, slash).trim(), 16);
      long low = Long.parseLong(text.substring(slash + 1).trim(), 16);
      if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
        throw new NumberFormatException();
      }
      return new Lsn((high << 32) | low);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a WAL LSN such as 0/3000148");
    }
  }

  /** Parses a nullable column value. */
  static Lsn parseNullable(String text) {
    return text == null ? null : parse(text);
  }

  /** Bytes of WAL from {@code earlier} to this position; 0 when this one is not ahead. */
  long bytesAfter(Lsn earlier) {
    return Math.max(0, value - earlier.value);
  }

  boolean isAtOrAfter(Lsn other) {
    return value >= other.value;
  }

  ReplicationMarker marker() {
    return ReplicationMarker.of(Platform.POSTGRESQL, MARKER_KIND, toString(), value);
  }

  @Override
  public int compareTo(Lsn other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%X/%X", value >>> 32, value & 0xFFFFFFFFL);
  }
}

package io.continuity.connector.mongodb;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ReplicationMarker;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonTimestamp;

/**
 * A replica-set optime {@code {ts: Timestamp(secs, inc), t: term}} with the wall time of its
 * operation when known. Optimes order by term, then timestamp ({@code src/mongo/db/repl/optime.h});
 * the marker position {@code t·2^64 + secs·2^32 + inc} keeps that order (brief §1.3). An optime
 * with {@code t < 0} or {@code ts == 0} is "unknown" (how replSetGetStatus shows an unreachable
 * member) and is never made: {@link #from} returns empty for it.
 */
record OpTime(long term, long seconds, long increment, Optional<Instant> wall)
    implements Comparable<OpTime> {

  static final String KIND = "OPTIME";
  private static final Pattern VALUE =
      Pattern.compile("\\{ts: Timestamp\\((\\d+), (\\d+)\\), t: (\\d+)}");

  OpTime {
    if (term < 0
        || seconds < 0
        || increment < 0
        || seconds > 0xffffffffL
        || increment > 0xffffffffL) {
      throw new IllegalArgumentException(
          "not a known optime: t=" + term + " ts=" + seconds + "," + increment);
    }
    wall = wall == null ? Optional.empty() : wall;
  }

  /**
   * Reads {@code {ts, t}} from a command reply; empty for a missing, malformed or unknown optime
   * ({@code t: -1}, {@code Timestamp(0, 0)}).
   */
  static Optional<OpTime> from(Object optime, Object wallTime) {
    if (!(optime instanceof Map<?, ?> doc)) {
      return Optional.empty();
    }
    if (!(doc.get("ts") instanceof BsonTimestamp ts) || !(doc.get("t") instanceof Number t)) {
      return Optional.empty();
    }
    if (t.longValue() < 0 || ts.getValue() == 0) {
      return Optional.empty();
    }
    Optional<Instant> wall =
        wallTime instanceof Date date && date.getTime() > 0
            ? Optional.of(date.toInstant())
            : Optional.empty();
    return Optional.of(
        new OpTime(
            t.longValue(),
            Integer.toUnsignedLong(ts.getTime()),
            Integer.toUnsignedLong(ts.getInc()),
            wall));
  }

  /** Parses a marker value this connector wrote ({@code {ts: Timestamp(s, i), t: n}}). */
  static Optional<OpTime> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = VALUE.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new OpTime(
            Long.parseLong(m.group(3)),
            Long.parseLong(m.group(1)),
            Long.parseLong(m.group(2)),
            Optional.empty()));
  }

  /** The optime of a marker of this platform and kind. */
  static Optional<OpTime> of(ReplicationMarker marker) {
    if (!marker.platform().equals(Platform.MONGODB) || !marker.kind().equals(KIND)) {
      return Optional.empty();
    }
    return parse(marker.value());
  }

  BigInteger position() {
    return BigInteger.valueOf(term)
        .shiftLeft(64)
        .add(BigInteger.valueOf(seconds).shiftLeft(32))
        .add(BigInteger.valueOf(increment));
  }

  ReplicationMarker marker() {
    return new ReplicationMarker(Platform.MONGODB, KIND, value(), position());
  }

  String value() {
    return "{ts: Timestamp(" + seconds + ", " + increment + "), t: " + term + "}";
  }

  /** The wall time of the operation, else the timestamp's seconds (optimeDate's resolution). */
  Instant time() {
    return wall.orElse(Instant.ofEpochSecond(seconds));
  }

  boolean hasReached(OpTime other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(OpTime o) {
    int byTerm = Long.compare(term, o.term);
    if (byTerm != 0) {
      return byTerm;
    }
    int bySeconds = Long.compare(seconds, o.seconds);
    return bySeconds != 0 ? bySeconds : Long.compare(increment, o.increment);
  }

  /** Same position, whatever wall time each was read with. */
  boolean samePosition(OpTime o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    return value();
  }
}

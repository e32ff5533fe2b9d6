package io.continuity.connector.sqlserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One result row by column label (case-insensitive), with the conversions the DMV column types
 * need: {@code numeric(25,0)} LSNs as {@link BigInteger}, {@code bit} as boolean, {@code datetime}
 * as an instant (SQL Server's DMV times are the server's local time; the connector configures the
 * zone).
 */
final class Row {

  private final Map<String, Object> values;

  Row(Map<String, ?> values) {
    Map<String, Object> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    this.values = copy;
  }

  /** Every column by label (case-insensitive keys). */
  Map<String, Object> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  Object raw(String column) {
    return values.get(column);
  }

  boolean has(String column) {
    return values.get(column) != null;
  }

  String text(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  String upper(String column) {
    String v = text(column);
    return v == null ? "" : v.toUpperCase(Locale.ROOT);
  }

  boolean bit(String column) {
    Object v = values.get(column);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.intValue() != 0;
    }
    return v != null && ("1".equals(v.toString()) || "true".equalsIgnoreCase(v.toString()));
  }

  /** A bit that may be NULL (is_failover_ready is NULL without quorum). */
  Optional<Boolean> nullableBit(String column) {
    return values.get(column) == null ? Optional.empty() : Optional.of(bit(column));
  }

  Optional<BigInteger> lsn(String column) {
    Object v = values.get(column);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof BigDecimal d) {
      return Optional.of(d.toBigIntegerExact());
    }
    if (v instanceof BigInteger i) {
      return Optional.of(i);
    }
    if (v instanceof Number n) {
      return Optional.of(BigInteger.valueOf(n.longValue()));
    }
    return Optional.of(new BigDecimal(v.toString().trim()).toBigIntegerExact());
  }

  Optional<Long> number(String column) {
    Object v = values.get(column);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Number n) {
      return Optional.of(n.longValue());
    }
    return Optional.of(Long.parseLong(v.toString().trim()));
  }

  Optional<Instant> time(String column, ZoneOffset serverZone) {
    Object v = values.get(column);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Timestamp t) {
      return Optional.of(t.toLocalDateTime().toInstant(serverZone));
    }
    if (v instanceof LocalDateTime l) {
      return Optional.of(l.toInstant(serverZone));
    }
    if (v instanceof OffsetDateTime o) {
      return Optional.of(o.toInstant());
    }
    if (v instanceof Instant i) {
      return Optional.of(i);
    }
    return Optional.of(
        LocalDateTime.parse(v.toString().trim().replace(' ', 'T')).toInstant(serverZone));
  }

  @Override
  public String toString() {
    return values.toString();
  }
}

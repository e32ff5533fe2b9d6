package io.continuity.server.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The byte encoding a link's hash is computed over (version {@code continuity-audit-v1}).
 *
 * <p>After the ASCII tag {@code continuity-audit-v1}, these fields follow in this fixed order: seq
 * (decimal), prevHash, type, actor, occurredAt, executionId, resourceId, reason, changeTicket. A
 * present value is written as {@code S<n>:<bytes>} where bytes are its UTF-8 encoding and n their
 * count in decimal; an absent (null) value as {@code N}. Then the details as {@code M<count>:}
 * followed by each entry, sorted by key, as key and value in the same {@code S} form. occurredAt is
 * ISO-8601 in UTC with exactly six fraction digits ({@code 2024-05-01T10:15:30.123456Z}), the
 * precision both H2 and PostgreSQL store. The length prefixes make the encoding unambiguous without
 * escaping. The hash is the lower-case hex SHA-256 of these bytes.
 */
final class CanonicalAuditEncoding {

  static final String GENESIS_HASH = "0".repeat(64);
  private static final String TAG = "continuity-audit-v1";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CanonicalAuditEncoding() {}

  /** The time as stored and hashed: truncated to microseconds. */
  static Instant storedPrecision(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  static String formatTime(Instant at) {
    return TIME.format(storedPrecision(at));
  }

  /** The hex SHA-256 over the canonical bytes of the record; its own hash field is ignored. */
  static String hash(AuditRecord r) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(encode(r)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static byte[] encode(AuditRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    ascii(out, TAG);
    field(out, Long.toString(r.seq()));
    field(out, r.prevHash());
    field(out, r.type());
    field(out, r.actor());
    field(out, formatTime(r.occurredAt()));
    field(out, r.executionId());
    field(out, r.resourceId());
    field(out, r.reason());
    field(out, r.changeTicket());
    Map<String, String> sorted = new TreeMap<>(r.details());
    ascii(out, "M" + sorted.size() + ":");
    sorted.forEach(
        (key, value) -> {
          field(out, key);
          field(out, value);
        });
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String value) {
    if (value == null) {
      ascii(out, "N");
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ascii(out, "S" + bytes.length + ":");
    out.writeBytes(bytes);
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}

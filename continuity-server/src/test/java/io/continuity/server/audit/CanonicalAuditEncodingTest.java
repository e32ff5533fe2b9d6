package io.continuity.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalAuditEncodingTest {

  static AuditRecord record(String reason, String ticket, Map<String, String> details) {
    return new AuditRecord(
        7,
        "APPROVAL_GRANTED",
        "bob",
        Instant.parse("2024-05-01T10:15:30.123456789Z"),
        "exec-1",
        null,
        reason,
        ticket,
        details,
        "0".repeat(64),
        null);
  }

  @Test
  void encodingIsLengthPrefixedInFixedOrderWithMicrosecondUtcTime() {
    String encoded =
        new String(
            CanonicalAuditEncoding.encode(record("ok", null, Map.of("b", "2", "a", "1"))),
            StandardCharsets.UTF_8);

    assertThat(encoded)
        .isEqualTo(
            "continuity-audit-v1S1:7S64:"
                + "0".repeat(64)
                + "S16:APPROVAL_GRANTEDS3:bobS27:2024-05-01T10:15:30.123456ZS6:exec-1NS2:okN"
                + "M2:S1:aS1:1S1:bS1:2");
  }

  @Test
  void absentAndEmptyValuesHashDifferently() {
    assertThat(CanonicalAuditEncoding.hash(record("", null, Map.of())))
        .isNotEqualTo(CanonicalAuditEncoding.hash(record("", "", Map.of())));
  }

  @Test
  void shiftingCharactersBetweenFieldsChangesTheHash() {
    assertThat(CanonicalAuditEncoding.hash(record("ab", "c", Map.of())))
        .isNotEqualTo(CanonicalAuditEncoding.hash(record("a", "bc", Map.of())));
  }

  @Test
  void detailOrderDoesNotMatterButContentDoes() {
    LinkedHashMap<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    LinkedHashMap<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");

    String hash = CanonicalAuditEncoding.hash(record("r", null, ab));

    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(CanonicalAuditEncoding.hash(record("r", null, ba))).isEqualTo(hash);
    assertThat(CanonicalAuditEncoding.hash(record("r", null, Map.of("a", "1", "b", "3"))))
        .isNotEqualTo(hash);
  }
}

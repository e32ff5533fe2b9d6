package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.OperationType;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A plan's loss warning never calls monitoring's lag an upper bound (issue 19). */
class DataLossWarningTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void aFailoverWarningStatesTheLagAndThatItIsNoUpperBound() {
    ResourceEvidence e =
        new ResourceEvidence(
            "db",
            AT,
            "YELLOW",
            "OK",
            AT,
            1L,
            false,
            60,
            65232L,
            5.2,
            "WAL_LSN 0/304BCA8",
            "WAL_LSN 0/303C000",
            BigInteger.valueOf(0x303C000),
            null);

    String warning = DataLossWarning.of(OperationType.FAILOVER, e);

    assertThat(warning)
        .contains("65232 bytes")
        .contains("not an upper bound")
        .doesNotContain("up to");
  }
}

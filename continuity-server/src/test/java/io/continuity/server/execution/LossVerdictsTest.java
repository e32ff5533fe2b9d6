package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.LossConclusion;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One verdict per member: the connector's proof stands, otherwise the more conservative one. */
class LossVerdictsTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private static ResourceEvidence withMarkers(long lagBytes) {
    return new ResourceEvidence(
        "db",
        AT,
        "GREEN",
        "OK",
        AT,
        1L,
        false,
        60,
        lagBytes,
        0.5,
        "WAL_LSN 0/500",
        "WAL_LSN 0/400",
        BigInteger.valueOf(0x400),
        null);
  }

  private static ResourceEvidence withoutMarkers() {
    return new ResourceEvidence(
        "db", AT, "RED", "OK", AT, 1L, false, 60, null, null, null, null, null, null);
  }

  private static LossWindow connector(LossConclusion conclusion, boolean exact) {
    return new LossWindow(
        conclusion,
        "WAL_LSN 0/600",
        "WAL_LSN 0/500",
        AT,
        exact ? "WAL_LSN 0/600" : null,
        AT,
        BigInteger.ZERO,
        exact ? BigInteger.ZERO : null,
        "bytes of WAL",
        exact,
        "the connector's statement",
        "connector");
  }

  @Test
  void anInexactCatchUpAgainstAMeasuredLagKeepsTheMoreConservativeVerdictAndSaysSo() {
    LossWindow verdict =
        LossVerdicts.failover(
            Optional.of(connector(LossConclusion.CAUGHT_UP, false)), withMarkers(256));

    assertThat(verdict.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(verdict.source()).isEqualTo("connector and monitoring disagree");
    assertThat(verdict.statement())
        .contains("the connector concluded CAUGHT_UP")
        .contains("more conservative verdict is kept");
  }

  @Test
  void anExactFigureStands() {
    LossWindow verdict =
        LossVerdicts.failover(
            Optional.of(connector(LossConclusion.CAUGHT_UP, true)), withMarkers(256));

    assertThat(verdict.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
    assertThat(verdict.source()).isEqualTo("connector");
  }

  @Test
  void monitoringWithoutMarkersLeavesTheConnectorsVerdict() {
    LossWindow verdict =
        LossVerdicts.failover(
            Optional.of(connector(LossConclusion.POTENTIAL_LOSS, false)), withoutMarkers());

    assertThat(verdict.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(verdict.statement()).isEqualTo("the connector's statement");
  }

  @Test
  void noConnectorEvidenceIsMarkerUnavailableNeverAGuess() {
    LossWindow verdict = LossVerdicts.failover(Optional.empty(), withMarkers(0));

    assertThat(verdict.conclusion()).isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
    assertThat(verdict.statement()).doesNotContain("up to");
    assertThat(LossVerdicts.planned(Optional.empty()).conclusion())
        .isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
  }
}

package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.BYTES;
import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.TIER_1;
import static io.continuity.core.status.StatusFixtures.codes;
import static io.continuity.core.status.StatusFixtures.evaluateFresh;
import static io.continuity.core.status.StatusFixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Health;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lag, marker, replication-state and health rules on fresh evidence (visibility OK). */
class StatusEvaluatorTest {

  @Test
  void freshCompleteProvenEvidenceIsGreenWithOneInformationalReason() {
    StatusOutcome outcome = evaluateFresh(TIER_1, healthy(T0).build());

    assertThat(outcome.status()).isEqualTo(Status.GREEN);
    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(outcome.reasons()).hasSize(1);
    Reason reason = outcome.primaryReason();
    assertThat(reason.code()).isEqualTo(ReasonCode.REPLICATION_HEALTHY);
    assertThat(reason.severity()).isEqualTo(Status.GREEN);
    assertThat(reason.evidence()).isEqualTo(EvidenceSource.PLATFORM_MARKER);
    assertThat(reason.message()).contains("streaming", "WAL_LSN 0/3000100", "WAL_LSN 0/3000148");
    assertThat(outcome.freshness().age()).contains(Duration.ofSeconds(5));
    assertThat(outcome.freshness().stale()).isFalse();
    assertThat(outcome.lastKnownStatus()).isEmpty();
    assertThat(outcome.lostSince()).isEmpty();
    assertThat(outcome.evaluatedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void lagOverWarnThresholdIsYellow() {
    StatusOutcome outcome =
        evaluateFresh(
            TIER_1, healthy(T0).lag(ReplicationLag.ofTime(Duration.ofSeconds(31))).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.LAG_WARN);
    assertThat(outcome.primaryReason().message()).contains("31s", "warn threshold 30s");
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.PLATFORM_LAG);
  }

  @Test
  void lagExactlyAtWarnThresholdIsStillGreen() {
    StatusOutcome outcome =
        evaluateFresh(
            TIER_1, healthy(T0).lag(ReplicationLag.ofTime(Duration.ofSeconds(30))).build());

    assertThat(outcome.status()).isEqualTo(Status.GREEN);
  }

  @Test
  void lagOverRpoTargetIsRed() {
    StatusOutcome outcome =
        evaluateFresh(
            TIER_1, healthy(T0).lag(ReplicationLag.ofTime(Duration.ofSeconds(61))).build());

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome)).containsExactly(ReasonCode.RPO_BREACH);
    assertThat(outcome.primaryReason().message()).contains("1m 1s", "RPO target 1m");
  }

  @Test
  void byteLagOverWarnBytesIsYellow() {
    StatusOutcome outcome =
        evaluateFresh(BYTES, healthy(T0).lag(ReplicationLag.ofBytes(1_001)).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.LAG_WARN);
    assertThat(outcome.primaryReason().message()).contains("1001 bytes", "1000 bytes");
  }

  @Test
  void byteLagOverCriticalBytesIsRed() {
    StatusOutcome outcome =
        evaluateFresh(
            BYTES, healthy(T0).lag(ReplicationLag.of(10_001, Duration.ofSeconds(1))).build());

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome)).containsExactly(ReasonCode.RPO_BREACH);
    assertThat(outcome.primaryReason().message()).contains("critical threshold 10000 bytes");
  }

  @Test
  void byteLagWithinByteThresholdsIsGreenWithoutTimeLag() {
    StatusOutcome outcome =
        evaluateFresh(BYTES, healthy(T0).lag(ReplicationLag.ofBytes(999)).build());

    assertThat(outcome.status()).isEqualTo(Status.GREEN);
  }

  @Test
  void byteLagWithoutByteThresholdsOrTimeLagCannotBeJudgedSoIsNeverGreen() {
    StatusOutcome outcome =
        evaluateFresh(TIER_1, healthy(T0).lag(ReplicationLag.ofBytes(0)).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.LAG_UNKNOWN);
    assertThat(outcome.primaryReason().message()).contains("no byte thresholds");
  }

  @Test
  void unknownLagIsNeverGreen() {
    StatusOutcome outcome = evaluateFresh(TIER_1, healthy(T0).lag(ReplicationLag.UNKNOWN).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.LAG_UNKNOWN);
  }

  @Test
  void brokenReplicationIsRed() {
    StatusOutcome outcome =
        evaluateFresh(TIER_1, healthy(T0).replicationState(ReplicationState.BROKEN).build());

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome)).containsExactly(ReasonCode.REPLICATION_BROKEN);
  }

  @Test
  void pausedReplicationIsAtLeastYellow() {
    StatusOutcome outcome =
        evaluateFresh(TIER_1, healthy(T0).replicationState(ReplicationState.PAUSED).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.REPLICATION_PAUSED);
  }

  @Test
  void catchingUpWithinWarnIsGreen() {
    StatusOutcome outcome =
        evaluateFresh(TIER_1, healthy(T0).replicationState(ReplicationState.CATCHING_UP).build());

    assertThat(outcome.status()).isEqualTo(Status.GREEN);
  }

  @Test
  void unknownReplicationStateIsNeverGreen() {
    StatusOutcome outcome =
        evaluateFresh(TIER_1, healthy(T0).replicationState(ReplicationState.UNKNOWN).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.REPLICATION_UNKNOWN);
  }

  @Test
  void bothMarkersAbsentIsNeverGreenBecauseCompletenessCannotBeProven() {
    ProbeResult result =
        ProbeResult.builder(T0)
            .sites(List.of(SiteConnectivity.reachable(PRIMARY), SiteConnectivity.reachable(DR)))
            .health(Health.HEALTHY)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.ofTime(Duration.ZERO))
            .build();

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.MARKER_UNAVAILABLE);
    assertThat(outcome.primaryReason().message())
        .contains("no primary or DR marker", "cannot prove completeness");
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.PLATFORM_MARKER);
  }

  @Test
  void oneMarkerAbsentIsNeverGreen() {
    ProbeResult result =
        ProbeResult.builder(T0)
            .sites(List.of(SiteConnectivity.reachable(PRIMARY), SiteConnectivity.reachable(DR)))
            .health(Health.HEALTHY)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.ofTime(Duration.ZERO))
            .primaryMarker(StatusFixtures.PRIMARY_LSN)
            .build();

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

    assertThat(codes(outcome)).containsExactly(ReasonCode.MARKER_UNAVAILABLE);
    assertThat(outcome.primaryReason().message()).contains("no DR marker");
  }

  @Test
  void degradedHealthIsYellow() {
    StatusOutcome outcome = evaluateFresh(TIER_1, healthy(T0).health(Health.DEGRADED).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEALTH_DEGRADED);
  }

  @Test
  void unhealthyHealthIsRed() {
    StatusOutcome outcome = evaluateFresh(TIER_1, healthy(T0).health(Health.UNHEALTHY).build());

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEALTH_UNHEALTHY);
  }

  @Test
  void unknownHealthIsNeverGreen() {
    StatusOutcome outcome = evaluateFresh(TIER_1, healthy(T0).health(Health.UNKNOWN).build());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEALTH_UNKNOWN);
  }

  @Test
  void reasonsAreOrderedMostSevereFirst() {
    ProbeResult result =
        healthy(T0)
            .health(Health.DEGRADED)
            .replicationState(ReplicationState.BROKEN)
            .lag(ReplicationLag.ofTime(Duration.ofSeconds(45)))
            .build();

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome))
        .containsExactly(
            ReasonCode.REPLICATION_BROKEN, ReasonCode.LAG_WARN, ReasonCode.HEALTH_DEGRADED);
  }
}

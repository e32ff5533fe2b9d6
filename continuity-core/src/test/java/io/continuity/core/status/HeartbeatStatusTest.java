package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.TIER_1;
import static io.continuity.core.status.StatusFixtures.codes;
import static io.continuity.core.status.StatusFixtures.evaluateFresh;
import static io.continuity.core.status.StatusFixtures.healthy;
import static io.continuity.core.status.StatusFixtures.withHeartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heartbeat rules: an indicator, never proof; stale or missing keeps a status from GREEN. */
class HeartbeatStatusTest {

  @Test
  void staleHeartbeatIsYellowAndSaysItRestsOnTheHeartbeat() {
    ProbeResult result =
        healthy(T0).heartbeat(new HeartbeatReading(T0.minusSeconds(40), T0)).build();

    StatusOutcome outcome = evaluateFresh(withHeartbeat(Tier.TIER_1), result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEARTBEAT_STALE);
    Reason reason = outcome.primaryReason();
    assertThat(reason.evidence()).isEqualTo(EvidenceSource.HEARTBEAT);
    assertThat(reason.message()).contains("Heartbeat is 45s old", "indicator, not proof");
  }

  @Test
  void heartbeatAgeIsMeasuredAtEvaluationTimeNotAtReadTime() {
    ProbeResult result =
        healthy(T0).heartbeat(new HeartbeatReading(T0.minusSeconds(28), T0)).build();

    StatusOutcome outcome = evaluateFresh(withHeartbeat(Tier.TIER_1), result);

    assertThat(codes(outcome)).containsExactly(ReasonCode.HEARTBEAT_STALE);
    assertThat(outcome.primaryReason().message()).contains("33s old");
  }

  @Test
  void heartbeatOlderThanRpoTargetIsRedWhenNoPlatformTimeLagContradictsIt() {
    ProbeResult result =
        healthy(T0)
            .lag(ReplicationLag.ofBytes(0))
            .heartbeat(new HeartbeatReading(T0.minusSeconds(90), T0))
            .build();

    StatusOutcome outcome = evaluateFresh(withHeartbeat(Tier.TIER_1), result);

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.primaryReason().code()).isEqualTo(ReasonCode.HEARTBEAT_STALE);
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.HEARTBEAT);
    assertThat(outcome.primaryReason().message()).contains("RPO target 1m");
  }

  @Test
  void heartbeatOlderThanRpoTargetIsOnlyYellowWhenPlatformTimeLagIsWithinTarget() {
    ProbeResult result =
        healthy(T0).heartbeat(new HeartbeatReading(T0.minusSeconds(90), T0)).build();

    StatusOutcome outcome = evaluateFresh(withHeartbeat(Tier.TIER_1), result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEARTBEAT_STALE);
  }

  @Test
  void configuredHeartbeatThatWasNotReadIsYellow() {
    ProbeResult result =
        ProbeResult.builder(T0)
            .sites(List.of(SiteConnectivity.reachable(PRIMARY), SiteConnectivity.reachable(DR)))
            .health(Health.HEALTHY)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.ofTime(Duration.ZERO))
            .primaryMarker(StatusFixtures.PRIMARY_LSN)
            .drMarker(StatusFixtures.DR_LSN)
            .build();

    StatusOutcome outcome = evaluateFresh(withHeartbeat(Tier.TIER_2), result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.HEARTBEAT_MISSING);
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.HEARTBEAT);
    assertThat(outcome.primaryReason().message()).contains("heartbeat is an indicator");
  }

  @Test
  void heartbeatIsNotRequiredWhenNotConfigured() {
    ProbeResult result =
        healthy(T0).heartbeat(new HeartbeatReading(T0.minusSeconds(3600), T0)).build();

    assertThat(evaluateFresh(TIER_1, result).status()).isEqualTo(Status.GREEN);
  }
}

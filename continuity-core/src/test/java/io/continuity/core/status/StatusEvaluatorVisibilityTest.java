package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.TIER_1;
import static io.continuity.core.status.StatusFixtures.codes;
import static io.continuity.core.status.StatusFixtures.evaluatorAt;
import static io.continuity.core.status.StatusFixtures.healthy;
import static io.continuity.core.status.StatusFixtures.observed;
import static io.continuity.core.status.StatusFixtures.resource;
import static io.continuity.core.status.StatusFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loss of visibility: no observation, failed probes, no site reachable, stale evidence. */
class StatusEvaluatorVisibilityTest {

  private static final Resource TIER_2 = resource(Tier.TIER_2);

  private static StatusOutcome greenAt(Resource resource, Instant at) {
    StatusOutcome outcome =
        evaluatorAt(at).evaluate(resource, observed(healthy(at).build()), Optional.empty());
    assertThat(outcome.status()).isEqualTo(Status.GREEN);
    return outcome;
  }

  private static Optional<Observation> failedAt(Instant at) {
    return Optional.of(Observation.failed("orders-db", at, "connection refused"));
  }

  @Test
  void noObservationLosesVisibilityAndIsYellow() {
    StatusOutcome outcome = evaluatorAt(T0).evaluate(TIER_1, Optional.empty(), Optional.empty());

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(codes(outcome))
        .containsExactlyInAnyOrder(ReasonCode.VISIBILITY_LOST, ReasonCode.NO_OBSERVATION);
    assertThat(outcome.freshness().isMissing()).isTrue();
    assertThat(outcome.freshness().stale()).isTrue();
    assertThat(outcome.lastKnownStatus()).isEmpty();
    assertThat(outcome.lostSince()).contains(T0);
  }

  @Test
  void failedProbeLosesVisibilityAndKeepsTheLastKnownStatusAndItsTime() {
    StatusOutcome green = greenAt(TIER_1, T0);

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(15))
            .evaluate(TIER_1, failedAt(T0.plusSeconds(15)), Optional.of(green));

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.lastKnownStatus()).contains(Status.GREEN);
    assertThat(outcome.lastKnownAt()).contains(T0);
    assertThat(outcome.freshness().observedAt()).contains(T0);
    assertThat(outcome.freshness().age()).contains(Duration.ofSeconds(15));
    assertThat(codes(outcome)).containsExactly(ReasonCode.VISIBILITY_LOST, ReasonCode.PROBE_FAILED);
    assertThat(outcome.reasons().get(1).message()).contains("connection refused");
    assertThat(outcome.primaryReason().message())
        .contains("no evidence for 15s", "last known GREEN at " + T0);
  }

  @Test
  void timedOutProbeLosesVisibility() {
    Observation timedOut =
        Observation.timedOut("orders-db", T0.plusSeconds(10), Duration.ofSeconds(10));

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(10))
            .evaluate(TIER_2, Optional.of(timedOut), Optional.of(greenAt(TIER_2, T0)));

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r.message()).contains("timed out"));
  }

  @Test
  void noSiteReachableLosesVisibility() {
    ProbeResult result =
        healthy(T0.plusSeconds(15))
            .sites(
                List.of(
                    site(PRIMARY, Connectivity.UNREACHABLE, "no route"),
                    site(DR, Connectivity.TIMED_OUT, "")))
            .build();

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(15))
            .evaluate(TIER_1, observed(result), Optional.of(greenAt(TIER_1, T0)));

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome))
        .containsExactly(
            ReasonCode.VISIBILITY_LOST, ReasonCode.SITE_UNREACHABLE, ReasonCode.SITE_UNREACHABLE);
    assertThat(outcome.freshness().observedAt())
        .as("a probe that reached nothing is not evidence")
        .contains(T0);
  }

  @Test
  void authenticationFailureWithoutVisibilityIsRed() {
    ProbeResult result =
        healthy(T0)
            .sites(
                List.of(
                    site(PRIMARY, Connectivity.AUTH_FAILED, "role rejected"),
                    site(DR, Connectivity.AUTH_FAILED, "role rejected")))
            .build();

    StatusOutcome outcome = evaluatorAt(T0).evaluate(TIER_2, observed(result), Optional.empty());

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(codes(outcome)).contains(ReasonCode.AUTH_FAILED, ReasonCode.VISIBILITY_LOST);
  }

  @Test
  void evidenceOlderThanStalenessThresholdLosesVisibilityAndReportsItsAge() {
    StatusOutcome green = greenAt(TIER_2, T0);

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(46))
            .evaluate(TIER_2, observed(healthy(T0).build()), Optional.of(green));

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.freshness().stale()).isTrue();
    assertThat(outcome.freshness().age()).contains(Duration.ofSeconds(46));
    assertThat(codes(outcome)).containsExactly(ReasonCode.VISIBILITY_LOST);
    assertThat(outcome.primaryReason().message())
        .contains("staleness threshold 45s", "no evidence for 46s", "last known GREEN");
    assertThat(outcome.lastKnownStatus()).contains(Status.GREEN);
  }

  @Test
  void evidenceExactlyAtStalenessThresholdIsStillFresh() {
    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(45))
            .evaluate(TIER_2, observed(healthy(T0).build()), Optional.empty());

    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(outcome.status()).isEqualTo(Status.GREEN);
  }

  @Test
  void staleResultWithoutPreviousOutcomeGivesItsOwnVerdictAsLastKnown() {
    ProbeResult paused = healthy(T0).replicationState(ReplicationState.PAUSED).build();

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(50)).evaluate(TIER_2, observed(paused), Optional.empty());

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.lastKnownStatus()).contains(Status.YELLOW);
    assertThat(outcome.lastKnownAt()).contains(T0);
  }

  @Test
  void lastKnownStatusAndLostSinceAreCarriedForwardWhileLost() {
    StatusOutcome green = greenAt(TIER_2, T0);
    StatusOutcome firstLost =
        evaluatorAt(T0.plusSeconds(15))
            .evaluate(TIER_2, failedAt(T0.plusSeconds(15)), Optional.of(green));

    StatusOutcome secondLost =
        evaluatorAt(T0.plusSeconds(30))
            .evaluate(TIER_2, failedAt(T0.plusSeconds(30)), Optional.of(firstLost));

    assertThat(secondLost.lastKnownStatus()).contains(Status.GREEN);
    assertThat(secondLost.lastKnownAt()).contains(T0);
    assertThat(secondLost.lostSince()).contains(T0.plusSeconds(15));
    assertThat(secondLost.freshness().age()).contains(Duration.ofSeconds(30));
  }

  @Test
  void tierOneStaysYellowWhileTheLossIsWithinTheRpoTarget() {
    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(60))
            .evaluate(TIER_1, failedAt(T0.plusSeconds(60)), Optional.of(greenAt(TIER_1, T0)));

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
  }

  @Test
  void tierOneTurnsRedOnceTheLossOutlastsTheRpoTarget() {
    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(61))
            .evaluate(TIER_1, failedAt(T0.plusSeconds(61)), Optional.of(greenAt(TIER_1, T0)));

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.primaryReason().code()).isEqualTo(ReasonCode.VISIBILITY_LOST);
    assertThat(outcome.primaryReason().message()).contains("tier 1", "RPO target 1m");
    assertThat(outcome.lastKnownStatus()).contains(Status.GREEN);
  }

  @Test
  void tierTwoStaysYellowHoweverLongTheLoss() {
    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(86_400))
            .evaluate(TIER_2, failedAt(T0.plusSeconds(86_400)), Optional.of(greenAt(TIER_2, T0)));

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
  }

  @Test
  void neverObservedTierOneTurnsRedOnceTheLossNoticedOutlastsTheRpoTarget() {
    StatusOutcome first = evaluatorAt(T0).evaluate(TIER_1, Optional.empty(), Optional.empty());

    StatusOutcome later =
        evaluatorAt(T0.plusSeconds(61)).evaluate(TIER_1, Optional.empty(), Optional.of(first));

    assertThat(first.status()).isEqualTo(Status.YELLOW);
    assertThat(later.status()).isEqualTo(Status.RED);
    assertThat(later.lostSince()).contains(T0);
  }

  @Test
  void lastKnownRedStaysRedWhileLost() {
    StatusOutcome red =
        evaluatorAt(T0)
            .evaluate(
                TIER_2, observed(healthy(T0).health(Health.UNHEALTHY).build()), Optional.empty());

    StatusOutcome outcome =
        evaluatorAt(T0.plusSeconds(15))
            .evaluate(TIER_2, failedAt(T0.plusSeconds(15)), Optional.of(red));

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.lastKnownStatus()).contains(Status.RED);
  }

  @Test
  void visibilityReturnsWithAFreshResultAndClearsTheLastKnownStatus() {
    StatusOutcome lost =
        evaluatorAt(T0.plusSeconds(15))
            .evaluate(TIER_2, failedAt(T0.plusSeconds(15)), Optional.of(greenAt(TIER_2, T0)));

    StatusOutcome back =
        evaluatorAt(T0.plusSeconds(30))
            .evaluate(TIER_2, observed(healthy(T0.plusSeconds(30)).build()), Optional.of(lost));

    assertThat(back.visibility()).isEqualTo(Visibility.OK);
    assertThat(back.status()).isEqualTo(Status.GREEN);
    assertThat(back.lastKnownStatus()).isEmpty();
    assertThat(back.lostSince()).isEmpty();
  }

  @Test
  void observationOfAnotherResourceIsRejected() {
    Optional<Observation> other = Optional.of(Observation.failed("billing-db", T0, "x"));

    assertThatThrownBy(() -> evaluatorAt(T0).evaluate(TIER_1, other, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billing-db")
        .hasMessageContaining("orders-db");
  }

  @Test
  void stalenessThresholdMustBePositive() {
    assertThatThrownBy(() -> new StatusEvaluator(java.time.Clock.systemUTC(), Duration.ZERO))
        .hasMessageContaining("staleness threshold must be positive");
  }
}

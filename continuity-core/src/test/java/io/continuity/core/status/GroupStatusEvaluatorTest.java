package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupStatusEvaluatorTest {

  private static final Instant NOW = T0.plusSeconds(20);
  private static final Group GROUP =
      Group.of("payments", "Payments", Tier.TIER_1, List.of("auth-db", "ledger-db", "orders-db"));
  private final GroupStatusEvaluator evaluator =
      new GroupStatusEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

  private static StatusOutcome visible(String id, Instant evidenceAt, Reason... reasons) {
    Status status =
        List.of(reasons).stream().map(Reason::severity).reduce(Status.GREEN, Status::worst);
    return new StatusOutcome(
        id,
        status,
        List.of(reasons),
        Freshness.of(evidenceAt, NOW, Duration.ofSeconds(45)),
        Visibility.OK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        NOW);
  }

  private static StatusOutcome green(String id) {
    return visible(id, T0.plusSeconds(10), reason(ReasonCode.REPLICATION_HEALTHY, Status.GREEN));
  }

  private static Reason reason(ReasonCode code, Status severity) {
    return new Reason(code, severity, code.name().toLowerCase(), EvidenceSource.PLATFORM_LAG);
  }

  @Test
  void groupIsItsWorstMemberAndCarriesThatMembersReasonsPrefixedWithItsId() {
    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP,
            Map.of(
                "auth-db", green("auth-db"),
                "ledger-db",
                    visible(
                        "ledger-db",
                        T0,
                        reason(ReasonCode.RPO_BREACH, Status.RED),
                        reason(ReasonCode.HEALTH_DEGRADED, Status.YELLOW)),
                "orders-db", visible("orders-db", T0, reason(ReasonCode.LAG_WARN, Status.YELLOW))));

    assertThat(outcome.subjectId()).isEqualTo("payments");
    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.primaryReason().code()).isEqualTo(ReasonCode.RPO_BREACH);
    assertThat(outcome.primaryReason().message()).isEqualTo("ledger-db: rpo_breach");
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.PLATFORM_LAG);
    assertThat(outcome.reasons())
        .extracting(Reason::code)
        .containsExactly(ReasonCode.RPO_BREACH, ReasonCode.MEMBER_STATUS);
    assertThat(outcome.reasons().get(1).message()).contains("orders-db", "YELLOW", "lag_warn");
    assertThat(outcome.reasons().get(1).severity()).isEqualTo(Status.YELLOW);
  }

  @Test
  void membersSharingTheWorstStatusAllContributeTheirReasons() {
    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP,
            Map.of(
                "auth-db", visible("auth-db", T0, reason(ReasonCode.LAG_WARN, Status.YELLOW)),
                "ledger-db", green("ledger-db"),
                "orders-db",
                    visible("orders-db", T0, reason(ReasonCode.HEALTH_DEGRADED, Status.YELLOW))));

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.reasons())
        .extracting(Reason::message)
        .containsExactly("auth-db: lag_warn", "orders-db: health_degraded");
  }

  @Test
  void memberWithoutAnOutcomeCountsAsNoObservationNotGreen() {
    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP, Map.of("auth-db", green("auth-db"), "ledger-db", green("ledger-db")));

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.primaryReason().code()).isEqualTo(ReasonCode.NO_OBSERVATION);
    assertThat(outcome.primaryReason().message()).startsWith("orders-db: ");
    assertThat(outcome.freshness().isMissing()).isTrue();
    assertThat(outcome.lastKnownStatus()).isEmpty();
  }

  @Test
  void allGreenGroupIsGreenWithOneInformationalReason() {
    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP,
            Map.of(
                "auth-db", green("auth-db"),
                "ledger-db", green("ledger-db"),
                "orders-db", green("orders-db")));

    assertThat(outcome.status()).isEqualTo(Status.GREEN);
    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(outcome.reasons())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo(ReasonCode.MEMBER_STATUS);
              assertThat(r.message()).contains("All 3 members are GREEN");
            });
  }

  @Test
  void freshnessIsTheOldestMembersEvidence() {
    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP,
            Map.of(
                "auth-db", green("auth-db"),
                "ledger-db",
                    visible("ledger-db", T0, reason(ReasonCode.REPLICATION_HEALTHY, Status.GREEN)),
                "orders-db", green("orders-db")));

    assertThat(outcome.freshness().observedAt()).contains(T0);
    assertThat(outcome.freshness().age()).contains(Duration.ofSeconds(20));
  }

  @Test
  void memberWithoutVisibilityMakesTheGroupLoseVisibilityWithTheLastKnownStatus() {
    StatusOutcome lost =
        new StatusOutcome(
            "orders-db",
            Status.YELLOW,
            List.of(reason(ReasonCode.VISIBILITY_LOST, Status.YELLOW)),
            Freshness.of(T0, NOW, Duration.ofSeconds(45)),
            Visibility.LOST,
            Optional.of(Status.GREEN),
            Optional.of(T0),
            Optional.of(T0.plusSeconds(15)),
            NOW);

    StatusOutcome outcome =
        evaluator.evaluate(
            GROUP,
            Map.of(
                "auth-db", green("auth-db"), "ledger-db", green("ledger-db"), "orders-db", lost));

    assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.lastKnownStatus()).contains(Status.GREEN);
    assertThat(outcome.lastKnownAt()).contains(T0);
    assertThat(outcome.lostSince()).contains(T0.plusSeconds(15));
  }

  @Test
  void outcomeFiledUnderAnotherMembersIdIsRejected() {
    assertThatThrownBy(() -> evaluator.evaluate(GROUP, Map.of("auth-db", green("ledger-db"))))
        .hasMessageContaining("filed under member auth-db");
  }
}

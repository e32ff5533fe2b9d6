package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.status.EvidenceSource;
import io.continuity.core.status.Freshness;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.monitoring.ResourceStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which status changes raise a readiness alert or an all-clear, and how flapping is damped. */
class ReadinessAlertsTest {

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  final ReadinessAlerts alerts = new ReadinessAlerts(null, null, Set.of(1), Duration.ofMinutes(5));

  static StatusOutcome outcome(Status status, Visibility visibility, ReasonCode code, Instant at) {
    Reason reason = Reason.of(code, status, EvidenceSource.REPLICATION_STATE, "a", "b", "c", "d");
    boolean lost = visibility == Visibility.LOST;
    return new StatusOutcome(
        "db",
        status,
        List.of(reason),
        Freshness.of(at, at, Duration.ofSeconds(30)),
        visibility,
        lost ? Optional.of(Status.GREEN) : Optional.empty(),
        lost ? Optional.of(at) : Optional.empty(),
        lost ? Optional.of(at) : Optional.empty(),
        at);
  }

  static ResourceStatusChanged change(Status before, StatusOutcome now) {
    return new ResourceStatusChanged(
        "db", Optional.of(before), Optional.of(Visibility.OK), now, now.evaluatedAt());
  }

  static ResourceStatusChanged lostThenGreen(Instant at) {
    return new ResourceStatusChanged(
        "db",
        Optional.of(Status.YELLOW),
        Optional.of(Visibility.LOST),
        outcome(Status.GREEN, Visibility.OK, ReasonCode.REPLICATION_HEALTHY, at),
        at);
  }

  @Test
  void losingVisibilityAlertsWithTheKindAndTheReason() {
    GenericAuditEvent alert =
        alerts
            .alertFor(
                "db",
                1,
                change(
                    Status.GREEN,
                    outcome(Status.YELLOW, Visibility.LOST, ReasonCode.VISIBILITY_LOST, T0)))
            .orElseThrow();

    assertThat(alert.type()).isEqualTo("READINESS_ALERT");
    assertThat(alert.actor()).isEqualTo("system:monitoring");
    assertThat(alert.resourceId()).contains("db");
    assertThat(alert.details())
        .containsEntry("kind", "VISIBILITY_LOST")
        .containsEntry("previousStatus", "GREEN")
        .containsEntry("tier", "1");
    assertThat(alert.reason()).startsWith("Visibility lost");
  }

  @Test
  void redAndAMissingMarkerAlertButAPlainYellowDoesNot() {
    assertThat(
            alerts
                .alertFor(
                    "db",
                    1,
                    change(
                        Status.GREEN,
                        outcome(Status.RED, Visibility.OK, ReasonCode.RPO_BREACH, T0)))
                .map(e -> e.details().get("kind")))
        .contains("RED");
    assertThat(
            alerts
                .alertFor(
                    "db",
                    1,
                    change(
                        Status.GREEN,
                        outcome(Status.YELLOW, Visibility.OK, ReasonCode.MARKER_UNAVAILABLE, T0)))
                .map(e -> e.details().get("kind")))
        .contains("MARKER_UNAVAILABLE");
    assertThat(
            alerts.alertFor(
                "db",
                1,
                change(
                    Status.GREEN, outcome(Status.YELLOW, Visibility.OK, ReasonCode.LAG_WARN, T0))))
        .isEmpty();
  }

  @Test
  void nothingObservedYetOrARecoveryWithoutAnAlertSaysNothing() {
    assertThat(
            alerts.alertFor(
                "db",
                1,
                new ResourceStatusChanged(
                    "db",
                    Optional.empty(),
                    Optional.empty(),
                    outcome(Status.YELLOW, Visibility.LOST, ReasonCode.NO_OBSERVATION, T0),
                    T0)))
        .isEmpty();
    assertThat(alerts.alertFor("db", 1, lostThenGreen(T0.plusSeconds(5)))).isEmpty();
  }

  @Test
  void recoveryAfterAnAlertIsAnAllClearAndFlappingAlertsOncePerQuietPeriod() {
    ResourceStatusChanged lost =
        change(
            Status.GREEN, outcome(Status.YELLOW, Visibility.LOST, ReasonCode.VISIBILITY_LOST, T0));
    assertThat(alerts.alertFor("db", 1, lost)).isPresent();
    assertThat(alerts.alertFor("db", 1, lostThenGreen(T0.plusSeconds(10))).map(e -> e.type()))
        .contains("READINESS_RESOLVED");

    // Lost again a minute later: within the quiet period, no second alert (nor all-clear).
    ResourceStatusChanged again =
        change(
            Status.GREEN,
            outcome(
                Status.YELLOW, Visibility.LOST, ReasonCode.VISIBILITY_LOST, T0.plusSeconds(60)));
    assertThat(alerts.alertFor("db", 1, again)).isEmpty();
    assertThat(alerts.alertFor("db", 1, lostThenGreen(T0.plusSeconds(70)))).isEmpty();

    // After the quiet period it alerts again.
    ResourceStatusChanged later =
        change(
            Status.GREEN,
            outcome(
                Status.YELLOW, Visibility.LOST, ReasonCode.VISIBILITY_LOST, T0.plusSeconds(400)));
    assertThat(alerts.alertFor("db", 1, later)).isPresent();
  }
}

package io.continuity.server.notify;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.ResourceStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readiness alerts (detailed design §6: loss of visibility "alert (tier-based)", incomplete
 * evidence "notify (Tier 1)"). When a resource of an alerting tier ({@code
 * continuity.notify.alert-tiers}, default 1) turns RED, loses visibility, or loses its replication
 * marker, a {@code READINESS_ALERT} audit event is recorded (so who was told what, and when, is on
 * the record) and the notification projector tells the operators; when it is GREEN and visible
 * again, a {@code READINESS_RESOLVED} follows. A resource that keeps flapping alerts at most once
 * per {@code continuity.notify.alert-quiet-period} (default 5 minutes). Only the instance that
 * probes publishes status changes, so alerts are raised once.
 */
@Component
class ReadinessAlerts {

  static final String ALERT = "READINESS_ALERT";
  static final String RESOLVED = "READINESS_RESOLVED";
  static final String ACTOR = "system:monitoring";

  private static final Logger log = LoggerFactory.getLogger(ReadinessAlerts.class);

  private final AuditTrail audit;
  private final Inventory inventory;
  private final Set<Integer> tiers;
  private final Duration quietPeriod;
  private final Map<String, AlertState> states = new ConcurrentHashMap<>();

  ReadinessAlerts(
      AuditTrail audit,
      Inventory inventory,
      @Value("${continuity.notify.alert-tiers:1}") Set<Integer> tiers,
      @Value("${continuity.notify.alert-quiet-period:PT5M}") Duration quietPeriod) {
    this.audit = audit;
    this.inventory = inventory;
    this.tiers = Set.copyOf(tiers);
    this.quietPeriod = quietPeriod;
  }

  @EventListener
  void on(ResourceStatusChanged change) {
    try {
      inventory
          .resource(change.resourceId())
          .filter(r -> tiers.contains(r.tier().number()))
          .flatMap(r -> alertFor(r.id(), r.tier().number(), change))
          .ifPresent(audit::append);
    } catch (RuntimeException e) {
      log.error(
          "Could not record the readiness alert of {}: {}", change.resourceId(), e.toString());
    }
  }

  /**
   * The alert or all-clear this change raises, if any. An alert stays open until the resource is
   * GREEN and visible again (then one all-clear; only alerts this instance raised are cleared); a
   * worse kind while open alerts again. An alert within the quiet period after the last one is not
   * sent, and neither is its all-clear. A resource never observed yet does not alert.
   */
  Optional<GenericAuditEvent> alertFor(String resourceId, int tier, ResourceStatusChanged change) {
    StatusOutcome now = change.outcome();
    Instant at = change.at().truncatedTo(ChronoUnit.MICROS);
    Optional<String> kind = badness(now);
    AlertState state = states.getOrDefault(resourceId, AlertState.NONE);
    String type;
    if (kind.isPresent()) {
      if (kind.get().equals(state.openKind())) {
        return Optional.empty();
      }
      boolean quiet =
          state.openKind() == null
              && state.lastAlertAt() != null
              && Duration.between(state.lastAlertAt(), at).compareTo(quietPeriod) < 0;
      if (quiet) {
        states.put(resourceId, new AlertState(kind.get(), state.lastAlertAt(), true));
        return Optional.empty();
      }
      states.put(resourceId, new AlertState(kind.get(), at, false));
      type = ALERT;
    } else if (now.status() == Status.GREEN && now.isVisible()) {
      boolean open = state.openKind() != null;
      states.put(resourceId, new AlertState(null, state.lastAlertAt(), false));
      if (!open || state.suppressed()) {
        return Optional.empty();
      }
      type = RESOLVED;
    } else {
      return Optional.empty();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("tier", String.valueOf(tier));
    details.put("status", now.status().name());
    details.put("visibility", now.visibility().name());
    change.previousStatus().ifPresent(s -> details.put("previousStatus", s.name()));
    change.previousVisibility().ifPresent(v -> details.put("previousVisibility", v.name()));
    kind.ifPresent(k -> details.put("kind", k));
    details.put(
        "reasons",
        now.reasons().stream().map(r -> r.code().name()).collect(Collectors.joining(",")));
    String reason =
        type.equals(ALERT)
            ? now.reasons().stream()
                .findFirst()
                .map(Reason::message)
                .orElse("status " + now.status())
            : "GREEN and fully visible again";
    return Optional.of(
        new GenericAuditEvent(
            type,
            ACTOR,
            at,
            Optional.empty(),
            Optional.of(resourceId),
            reason,
            Optional.empty(),
            details));
  }

  /**
   * A resource's alerting state.
   *
   * @param openKind the kind of the alert open now, or null
   * @param lastAlertAt when the last alert was sent, or null
   * @param suppressed the open alert was not sent (quiet period), so its all-clear is not either
   */
  record AlertState(String openKind, Instant lastAlertAt, boolean suppressed) {
    static final AlertState NONE = new AlertState(null, null, false);
  }

  /** Why this outcome alerts: visibility lost, RED, or no replication marker; empty when fine. */
  static Optional<String> badness(StatusOutcome outcome) {
    boolean neverObserved =
        outcome.reasons().stream().allMatch(r -> r.code() == ReasonCode.NO_OBSERVATION);
    if (neverObserved) {
      return Optional.empty(); // nothing seen yet (just started): not a readiness fact
    }
    if (outcome.visibility() == Visibility.LOST) {
      return Optional.of("VISIBILITY_LOST");
    }
    if (outcome.status() == Status.RED) {
      return Optional.of("RED");
    }
    boolean noMarker =
        outcome.reasons().stream().anyMatch(r -> r.code() == ReasonCode.MARKER_UNAVAILABLE);
    return noMarker ? Optional.of("MARKER_UNAVAILABLE") : Optional.empty();
  }
}

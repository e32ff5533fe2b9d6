package io.continuity.core.status;

import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.core.inventory.HeartbeatConfig;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The readiness rules over one probe result's indicators (replication state, lag, markers,
 * heartbeat, health). Returns only the reasons that keep a status from GREEN; anything unknown is
 * such a reason, never silently fine.
 */
final class IndicatorRules {

  private IndicatorRules() {}

  /** The non-green reasons of {@code result}, judging heartbeat age at {@code at}. */
  static List<Reason> evaluate(Resource resource, ProbeResult result, Instant at) {
    List<Reason> reasons = new ArrayList<>();
    replicationState(result.replicationState()).ifPresent(reasons::add);
    reasons.addAll(lag(resource.rpo(), result.lag()));
    markers(result).ifPresent(reasons::add);
    resource
        .heartbeat()
        .flatMap(config -> heartbeat(config, resource.rpo(), result, at))
        .ifPresent(reasons::add);
    health(result.health()).ifPresent(reasons::add);
    return reasons;
  }

  /** The informational reason of a GREEN outcome: what the green rests on. */
  static Reason healthy(ProbeResult result) {
    return Reason.of(
        ReasonCode.REPLICATION_HEALTHY,
        Status.GREEN,
        EvidenceSource.PLATFORM_MARKER,
        result.replicationState().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        result.drMarker().map(Object::toString).orElse("?"),
        result.primaryMarker().map(Object::toString).orElse("?"),
        describe(result.lag()));
  }

  private static Optional<Reason> replicationState(ReplicationState state) {
    EvidenceSource source = EvidenceSource.REPLICATION_STATE;
    switch (state) {
      case BROKEN:
        return Optional.of(Reason.of(ReasonCode.REPLICATION_BROKEN, Status.RED, source));
      case PAUSED:
        return Optional.of(Reason.of(ReasonCode.REPLICATION_PAUSED, Status.YELLOW, source));
      case UNKNOWN:
        return Optional.of(Reason.of(ReasonCode.REPLICATION_UNKNOWN, Status.YELLOW, source));
      default:
        return Optional.empty();
    }
  }

  private static List<Reason> lag(RpoPolicy rpo, ReplicationLag lag) {
    List<Reason> reasons = new ArrayList<>();
    EvidenceSource source = EvidenceSource.PLATFORM_LAG;
    lag.time()
        .ifPresent(
            time -> {
              if (time.compareTo(rpo.target()) > 0) {
                reasons.add(
                    Reason.of(
                        ReasonCode.RPO_BREACH,
                        Status.RED,
                        source,
                        Durations.human(time),
                        "RPO target " + Durations.human(rpo.target())));
              } else if (time.compareTo(rpo.warn()) > 0) {
                reasons.add(
                    Reason.of(
                        ReasonCode.LAG_WARN,
                        Status.YELLOW,
                        source,
                        Durations.human(time),
                        "warn threshold " + Durations.human(rpo.warn())));
              }
            });
    if (lag.bytes().isPresent()) {
      long bytes = lag.bytes().getAsLong();
      if (rpo.criticalBytes().isPresent() && bytes > rpo.criticalBytes().getAsLong()) {
        reasons.add(
            Reason.of(
                ReasonCode.RPO_BREACH,
                Status.RED,
                source,
                bytes + " bytes",
                "critical threshold " + rpo.criticalBytes().getAsLong() + " bytes"));
      } else if (rpo.warnBytes().isPresent() && bytes > rpo.warnBytes().getAsLong()) {
        reasons.add(
            Reason.of(
                ReasonCode.LAG_WARN,
                Status.YELLOW,
                source,
                bytes + " bytes",
                "warn threshold " + rpo.warnBytes().getAsLong() + " bytes"));
      }
    }
    boolean byteThresholds = rpo.warnBytes().isPresent() || rpo.criticalBytes().isPresent();
    if (lag.time().isEmpty() && !(lag.bytes().isPresent() && byteThresholds)) {
      String why =
          lag.bytes().isPresent()
              ? "lag is reported only in bytes and the RPO policy has no byte thresholds"
              : "the platform reported no lag";
      reasons.add(Reason.of(ReasonCode.LAG_UNKNOWN, Status.YELLOW, source, why));
    }
    return reasons;
  }

  private static Optional<Reason> markers(ProbeResult result) {
    if (result.hasMarkers()) {
      return Optional.empty();
    }
    String missing;
    if (result.primaryMarker().isEmpty() && result.drMarker().isEmpty()) {
      missing = "no primary or DR marker";
    } else if (result.primaryMarker().isEmpty()) {
      missing = "no primary marker";
    } else {
      missing = "no DR marker";
    }
    return Optional.of(
        Reason.of(
            ReasonCode.MARKER_UNAVAILABLE, Status.YELLOW, EvidenceSource.PLATFORM_MARKER, missing));
  }

  /**
   * A heartbeat older than its staleAfter is YELLOW. It is RED only when it is also older than the
   * RPO target and the platform reported no time lag that could contradict it: a heartbeat is an
   * indicator (its writer may simply have stopped), not proof.
   */
  private static Optional<Reason> heartbeat(
      HeartbeatConfig config, RpoPolicy rpo, ProbeResult result, Instant at) {
    EvidenceSource source = EvidenceSource.HEARTBEAT;
    if (result.heartbeat().isEmpty()) {
      return Optional.of(Reason.of(ReasonCode.HEARTBEAT_MISSING, Status.YELLOW, source));
    }
    HeartbeatReading reading = result.heartbeat().get();
    Duration age = Duration.between(reading.writtenAt(), at);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    if (age.compareTo(rpo.target()) > 0 && result.lag().time().isEmpty()) {
      return Optional.of(
          Reason.of(
              ReasonCode.HEARTBEAT_STALE,
              Status.RED,
              source,
              Durations.human(age),
              "the RPO target "
                  + Durations.human(rpo.target())
                  + " and the platform reports no time lag to contradict it"));
    }
    if (age.compareTo(config.staleAfter()) > 0) {
      return Optional.of(
          Reason.of(
              ReasonCode.HEARTBEAT_STALE,
              Status.YELLOW,
              source,
              Durations.human(age),
              "its staleAfter " + Durations.human(config.staleAfter())));
    }
    return Optional.empty();
  }

  private static Optional<Reason> health(Health health) {
    EvidenceSource source = EvidenceSource.HEALTH;
    switch (health) {
      case DEGRADED:
        return Optional.of(Reason.of(ReasonCode.HEALTH_DEGRADED, Status.YELLOW, source));
      case UNHEALTHY:
        return Optional.of(Reason.of(ReasonCode.HEALTH_UNHEALTHY, Status.RED, source));
      case UNKNOWN:
        return Optional.of(Reason.of(ReasonCode.HEALTH_UNKNOWN, Status.YELLOW, source));
      default:
        return Optional.empty();
    }
  }

  private static String describe(ReplicationLag lag) {
    List<String> parts = new ArrayList<>();
    lag.time().ifPresent(t -> parts.add(Durations.human(t)));
    lag.bytes().ifPresent(b -> parts.add(b + " bytes"));
    return parts.isEmpty() ? "unknown" : String.join(" / ", parts);
  }
}

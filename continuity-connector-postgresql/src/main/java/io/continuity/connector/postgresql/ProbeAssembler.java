package io.continuity.connector.postgresql;

import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.postgresql.SiteObservation.WalSender;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the two sites' observations into one {@link ProbeResult}: which site is primary now (from
 * the servers, never from the configuration), the replication state, the lag in bytes (primary
 * current LSN − standby replay LSN) and in time, and both markers.
 *
 * <p>Time lag avoids the idle-primary error of {@code now() − pg_last_xact_replay_timestamp()}:
 * when the standby has received and replayed everything the primary has written, the lag is zero
 * however old the last transaction is. Otherwise the walsender's {@code replay_lag} is used while
 * replay runs, and {@code now − last replay timestamp} while it is paused (the walsender's figure
 * goes stale then); the latter overstates lag after a long idle period, which errs on the safe
 * side.
 */
final class ProbeAssembler {

  private final PayloadSanitizer sanitizer;

  ProbeAssembler(PayloadSanitizer sanitizer) {
    this.sanitizer = sanitizer;
  }

  ProbeResult assemble(
      List<SiteSettings> order,
      Map<String, SiteObservation> observations,
      Optional<HeartbeatRound.Seen> heartbeat,
      List<String> notes,
      Instant observedAt) {
    ProbeResult.Builder result = ProbeResult.builder(observedAt);
    result.sites(order.stream().map(s -> connectivity(observations.get(s.name()))).toList());
    result.members(order.stream().map(s -> member(observations.get(s.name()))).toList());
    Map<String, Object> payload = new LinkedHashMap<>();
    heartbeat.ifPresent(seen -> payload.put("heartbeat", describe(seen)));
    if (!notes.isEmpty()) {
      payload.put("notes", List.copyOf(notes));
    }
    Map<String, Object> sites = new LinkedHashMap<>();
    order.forEach(s -> sites.put(s.name(), observations.get(s.name()).asMap()));
    heartbeat.ifPresent(
        seen -> result.heartbeat(new HeartbeatReading(seen.writtenAt(), seen.readAt())));

    List<SiteObservation> primaries =
        order.stream()
            .map(s -> observations.get(s.name()))
            .filter(SiteObservation::isPrimary)
            .toList();
    if (primaries.size() > 1) {
      payload.put("problem", "both sites accept writes (split brain): fence one of them now");
      return finish(
          result.health(Health.UNHEALTHY).replicationState(ReplicationState.BROKEN),
          payload,
          sites);
    }
    if (primaries.isEmpty()) {
      return withoutPrimary(order, observations, result, payload, sites);
    }
    SiteObservation primary = primaries.get(0);
    SiteObservation standby =
        order.stream()
            .map(s -> observations.get(s.name()))
            .filter(o -> o != primary)
            .findFirst()
            .orElseThrow();
    payload.put("primarySite", primary.site());
    payload.put("standbySite", standby.site());
    result.primarySite(primary.site());
    result.primaryMarker(primary.currentLsn().marker());
    Optional<WalSender> sender = senderFor(primary, standby.site());
    if (!standby.reachable()) {
      return standbyUnseen(primary, sender, result, payload, sites);
    }
    if (!standby.inRecovery()) {
      payload.put("problem", standby.site() + " is not in recovery");
      return finish(
          result.health(Health.DEGRADED).replicationState(ReplicationState.BROKEN), payload, sites);
    }
    ReplicationState state = state(standby, sender);
    Lsn replay = standby.replayLsn();
    if (replay != null) {
      result.drMarker(replay.marker());
      long bytes = primary.currentLsn().bytesAfter(replay);
      Optional<Duration> time = timeLag(primary, standby, sender, payload);
      result.lag(new ReplicationLag(OptionalLong.of(bytes), time));
    }
    Health health =
        state == ReplicationState.STREAMING || state == ReplicationState.CATCHING_UP
            ? Health.HEALTHY
            : Health.DEGRADED;
    return finish(result.health(health).replicationState(state), payload, sites);
  }

  private ProbeResult withoutPrimary(
      List<SiteSettings> order,
      Map<String, SiteObservation> observations,
      ProbeResult.Builder result,
      Map<String, Object> payload,
      Map<String, Object> sites) {
    List<SiteObservation> standbys =
        order.stream()
            .map(s -> observations.get(s.name()))
            .filter(SiteObservation::isStandby)
            .toList();
    if (standbys.isEmpty()) {
      payload.put("problem", "no site answered");
      return finish(
          result.health(Health.UNKNOWN).replicationState(ReplicationState.UNKNOWN), payload, sites);
    }
    SiteObservation standby = standbys.get(0);
    payload.put("standbySite", standby.site());
    if (standby.replayLsn() != null) {
      result.drMarker(standby.replayLsn().marker());
    }
    boolean streaming =
        standby.receiver().filter(SiteObservation.WalReceiver::streaming).isPresent();
    if (standbys.size() > 1) {
      payload.put("problem", "no primary: both sites are in recovery");
    } else {
      payload.put("problem", "the primary did not answer; " + standby.site() + " is a standby");
    }
    ReplicationState state =
        standby.replayPaused()
            ? ReplicationState.PAUSED
            : streaming ? ReplicationState.STREAMING : ReplicationState.BROKEN;
    Health health = streaming && standbys.size() == 1 ? Health.DEGRADED : Health.UNHEALTHY;
    return finish(result.health(health).replicationState(state), payload, sites);
  }

  /** The standby did not answer: what the primary's walsender still says about it. */
  private ProbeResult standbyUnseen(
      SiteObservation primary,
      Optional<WalSender> sender,
      ProbeResult.Builder result,
      Map<String, Object> payload,
      Map<String, Object> sites) {
    ReplicationState state = ReplicationState.BROKEN;
    if (sender.isPresent() && sender.get().replayLsn() != null) {
      WalSender s = sender.get();
      state =
          "streaming".equals(s.state()) ? ReplicationState.STREAMING : ReplicationState.CATCHING_UP;
      result.drMarker(s.replayLsn().marker());
      payload.put("drMarkerSource", "pg_stat_replication.replay_lsn on the primary");
      result.lag(
          new ReplicationLag(
              OptionalLong.of(primary.currentLsn().bytesAfter(s.replayLsn())),
              Optional.ofNullable(s.replayLag())));
    }
    return finish(result.health(Health.DEGRADED).replicationState(state), payload, sites);
  }

  private static ReplicationState state(SiteObservation standby, Optional<WalSender> sender) {
    if (standby.replayPaused()) {
      return ReplicationState.PAUSED;
    }
    boolean receiving =
        standby.receiver().filter(SiteObservation.WalReceiver::streaming).isPresent();
    if (!receiving || sender.isEmpty()) {
      return ReplicationState.BROKEN;
    }
    return "streaming".equals(sender.get().state())
        ? ReplicationState.STREAMING
        : ReplicationState.CATCHING_UP;
  }

  private static Optional<Duration> timeLag(
      SiteObservation primary,
      SiteObservation standby,
      Optional<WalSender> sender,
      Map<String, Object> payload) {
    Lsn replay = standby.replayLsn();
    boolean allReplayed =
        standby.receiveLsn() == null
            || standby.receiveLsn().equals(replay)
            || replay.isAtOrAfter(standby.receiveLsn());
    if (allReplayed && replay.isAtOrAfter(primary.currentLsn())) {
      payload.put("timeLagBasis", "caught up: replayed everything the primary has written");
      return Optional.of(Duration.ZERO);
    }
    if (!standby.replayPaused() && sender.isPresent() && sender.get().replayLag() != null) {
      payload.put("timeLagBasis", "pg_stat_replication.replay_lag");
      return Optional.of(sender.get().replayLag());
    }
    if (standby.lastReplayAt() != null && standby.serverNow() != null) {
      payload.put("timeLagBasis", "now - pg_last_xact_replay_timestamp() on the standby");
      Duration d = Duration.between(standby.lastReplayAt(), standby.serverNow());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
    payload.put("timeLagBasis", "unknown");
    return Optional.empty();
  }

  /** The walsender serving {@code standbySite}: by application name, else the only one. */
  static Optional<WalSender> senderFor(SiteObservation primary, String standbySite) {
    List<WalSender> senders = primary.walSenders();
    Optional<WalSender> named =
        senders.stream().filter(s -> standbySite.equals(s.applicationName())).findFirst();
    if (named.isPresent() || senders.size() != 1) {
      return named;
    }
    return Optional.of(senders.get(0));
  }

  private static SiteConnectivity connectivity(SiteObservation o) {
    if (!o.reachable()) {
      return new SiteConnectivity(o.site(), o.connectivity(), o.detail());
    }
    return new SiteConnectivity(
        o.site(), o.connectivity(), "role=" + (o.inRecovery() ? "standby" : "primary"));
  }

  /** A PostgreSQL site is one member, named after the site, in the role its server reports. */
  private static MemberObservation member(SiteObservation o) {
    if (!o.reachable()) {
      return MemberObservation.unreachable(o.site(), o.site(), o.connectivity(), o.detail());
    }
    MemberRole role = o.isPrimary() ? MemberRole.PRIMARY : MemberRole.SECONDARY;
    Optional<ReplicationMarker> marker =
        o.isPrimary()
            ? Optional.ofNullable(o.currentLsn()).map(Lsn::marker)
            : Optional.ofNullable(o.replayLsn()).map(Lsn::marker);
    return new MemberObservation(o.site(), o.site(), role, o.connectivity(), marker, "");
  }

  private ProbeResult finish(
      ProbeResult.Builder result, Map<String, Object> payload, Map<String, Object> sites) {
    payload.put("sites", sites);
    return result.payload(sanitizer.sanitize(payload)).build();
  }

  /**
   * How far the heartbeat lag can be trusted: measured on this probe's own row it is the
   * replication delay (to within the standby's 10 ms polling); on a row from an earlier write it is
   * an upper bound, by as much as the time since that write.
   */
  static Map<String, Object> describe(HeartbeatRound.Seen seen) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("writtenAt", seen.writtenAt().toString());
    m.put("readAt", seen.readAt().toString());
    m.put(
        "precision",
        seen.thisProbesRow()
            ? "measured: the standby showed this probe's row (delay to within 10 ms)"
            : "upper bound: the standby showed an earlier row (not due, or not replicated within "
                + HeartbeatRound.MAX_WAIT.toMillis()
                + " ms)");
    return m;
  }
}

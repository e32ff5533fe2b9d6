package io.continuity.connector.mongodb;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what every member answered into one probe result (brief §1.2, §1.3, §5): which member and
 * site is primary, each member's role and own optime, the primary's last written optime, the
 * standby's applied optime read on the standby itself (the majority commit point proves nothing
 * about a minority DR site), the lag from the two optimes' wall times, health and replication
 * state. A member that did not answer is reported, never thrown.
 */
final class ProbeAssembler {

  private ProbeAssembler() {}

  /** The roles this probe saw: the primary member (if exactly one) and the watched standby. */
  record Topology(
      Optional<MemberView> primary,
      int primaries,
      SiteEndpoint standbySite,
      MemberEndpoint standbyMember,
      Optional<MemberView> standby) {}

  static Topology topology(MongoSettings settings, List<MemberAnswer<MemberView>> answers) {
    List<MemberView> primaries =
        answers.stream()
            .flatMap(a -> a.value().stream())
            .filter(MemberView::writablePrimary)
            .toList();
    Optional<MemberView> primary =
        primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
    SiteEndpoint standbySite =
        primary
            .map(p -> settings.otherSite(siteNamed(settings, p.site())))
            .orElse(settings.drSite());
    MemberEndpoint standbyMember = settings.targetOf(standbySite);
    Optional<MemberView> standby =
        answers.stream()
            .filter(a -> a.member().name().equals(standbyMember.name()))
            .flatMap(a -> a.value().stream())
            .findFirst();
    return new Topology(primary, primaries.size(), standbySite, standbyMember, standby);
  }

  static ProbeResult assemble(
      MongoSettings settings,
      List<MemberAnswer<MemberView>> answers,
      Instant observedAt,
      PayloadSanitizer sanitizer) {
    Topology topology = topology(settings, answers);
    ProbeResult.Builder builder = ProbeResult.builder(observedAt);
    builder.sites(sites(settings, answers, topology));
    builder.members(members(answers));
    topology.primary().ifPresent(p -> builder.primarySite(p.site()));
    Optional<OpTime> primaryOpTime = topology.primary().flatMap(MemberView::position);
    Optional<OpTime> standbyOpTime =
        topology.standby().filter(s -> !s.writablePrimary()).flatMap(MemberView::appliedPosition);
    primaryOpTime.ifPresent(o -> builder.primaryMarker(o.marker()));
    standbyOpTime.ifPresent(o -> builder.drMarker(o.marker()));
    if (primaryOpTime.isPresent() && standbyOpTime.isPresent()) {
      builder.lag(ReplicationLag.ofTime(lag(primaryOpTime.get(), standbyOpTime.get())));
    }
    builder.health(health(answers, topology));
    builder.replicationState(replicationState(settings, topology, observedAt));
    builder.payload(sanitizer.sanitize(payload(answers, topology)));
    return builder.build();
  }

  /**
   * Time lag: zero when the standby is at the primary's optime, else the difference of the two
   * operations' wall times (optimeDate seconds when a wall time is missing), never negative.
   */
  static Duration lag(OpTime primary, OpTime standby) {
    if (standby.hasReached(primary)) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(standby.time(), primary.time());
    return d.isNegative() ? Duration.ZERO : d;
  }

  static Health health(List<MemberAnswer<MemberView>> answers, Topology topology) {
    if (topology.primaries() != 1) {
      return Health.UNHEALTHY;
    }
    boolean allWell =
        answers.stream()
            .allMatch(
                a ->
                    a.value()
                        .map(v -> v.myState() == 1 || v.myState() == 2 || v.myState() == 7)
                        .orElse(false));
    boolean primarySeesAll =
        topology.primary().get().statusMembers().stream()
            .allMatch(m -> m.healthy() && m.state() != 8);
    return allWell && primarySeesAll ? Health.HEALTHY : Health.DEGRADED;
  }

  static ReplicationState replicationState(MongoSettings settings, Topology topology, Instant now) {
    if (topology.standby().isEmpty()) {
      return ReplicationState.BROKEN;
    }
    MemberView standby = topology.standby().get();
    if (standby.writablePrimary()) {
      return ReplicationState.UNKNOWN; // two primaries: the health says so
    }
    int state = standby.myState();
    if (state == MemberView.STATE_RECOVERING || state == MemberView.STATE_STARTUP2) {
      return ReplicationState.CATCHING_UP;
    }
    if (state != MemberView.STATE_SECONDARY || standby.syncSourceHost().isBlank()) {
      return ReplicationState.BROKEN;
    }
    if (topology.primary().isEmpty()) {
      return ReplicationState.BROKEN;
    }
    Optional<MemberView.StatusMember> seen =
        standby.me().flatMap(me -> topology.primary().get().statusOf(me));
    if (seen.isPresent()) {
      if (!seen.get().healthy()) {
        return ReplicationState.BROKEN;
      }
      Optional<Instant> recv = seen.get().lastHeartbeatRecv();
      if (recv.isPresent() && recv.get().plus(settings.heartbeatStaleAfter()).isBefore(now)) {
        return ReplicationState.BROKEN;
      }
    }
    return ReplicationState.STREAMING;
  }

  private static List<SiteConnectivity> sites(
      MongoSettings settings, List<MemberAnswer<MemberView>> answers, Topology topology) {
    List<SiteConnectivity> sites = new ArrayList<>();
    for (SiteEndpoint site : settings.sites()) {
      boolean primaryHere = topology.primary().map(p -> p.site().equals(site.name())).orElse(false);
      MemberEndpoint needed = settings.targetOf(site);
      Optional<MemberAnswer<MemberView>> neededAnswer =
          answers.stream().filter(a -> a.member().name().equals(needed.name())).findFirst();
      List<String> silent =
          answers.stream()
              .filter(a -> a.site().name().equals(site.name()) && !a.answered())
              .map(
                  a ->
                      a.member().name()
                          + " "
                          + a.connectivity()
                          + (a.detail().isBlank() ? "" : " (" + a.detail() + ")"))
              .toList();
      String detail = silent.isEmpty() ? "" : "not answering: " + String.join("; ", silent);
      if (primaryHere || neededAnswer.map(MemberAnswer::answered).orElse(false)) {
        sites.add(new SiteConnectivity(site.name(), Connectivity.REACHABLE, detail));
      } else {
        Connectivity c =
            neededAnswer.map(MemberAnswer::connectivity).orElse(Connectivity.UNREACHABLE);
        sites.add(
            new SiteConnectivity(
                site.name(), c.isReachable() ? Connectivity.UNREACHABLE : c, detail));
      }
    }
    return sites;
  }

  private static List<MemberObservation> members(List<MemberAnswer<MemberView>> answers) {
    List<MemberObservation> list = new ArrayList<>();
    for (MemberAnswer<MemberView> a : answers) {
      if (a.value().isPresent()) {
        MemberView v = a.value().get();
        list.add(
            new MemberObservation(
                a.site().name(),
                a.member().name(),
                v.role(),
                Connectivity.REACHABLE,
                v.position().map(OpTime::marker),
                v.stateName()
                    + (v.syncSourceHost().isBlank()
                        ? ""
                        : ", syncing from " + v.syncSourceHost())));
      } else {
        list.add(
            MemberObservation.unreachable(
                a.site().name(), a.member().name(), a.connectivity(), a.detail()));
      }
    }
    return list;
  }

  private static Map<String, Object> payload(
      List<MemberAnswer<MemberView>> answers, Topology topology) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (MemberAnswer<MemberView> a : answers) {
      if (a.value().isPresent()) {
        members.put(a.member().name(), a.value().get().payload());
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", a.site().name());
        m.put("connectivity", a.connectivity().name());
        m.put("detail", a.detail());
        members.put(a.member().name(), m);
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("members", members);
    payload.put("primaries", topology.primaries());
    topology.primary().ifPresent(p -> payload.put("primaryMember", p.member()));
    payload.put("standbyMember", topology.standbyMember().name());
    return payload;
  }

  private static SiteEndpoint siteNamed(MongoSettings settings, String name) {
    return settings.sites().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(settings.primarySite());
  }
}

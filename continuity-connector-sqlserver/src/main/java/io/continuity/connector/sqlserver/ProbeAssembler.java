package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns every replica's answer into one {@link ProbeResult} (brief §2.3 and §5): the primary site
 * is the site of the one member whose own row says PRIMARY; the DR side is the most advanced
 * secondary outside the primary's site; markers are per database and the resource reports the
 * database with the largest gap; byte lag is the primary's {@code log_send_queue_size} (KB × 1024),
 * time lag the difference of {@code last_commit_time} (Microsoft's approximate RPO).
 */
final class ProbeAssembler {

  private final AgSettings settings;
  private final PayloadSanitizer sanitizer;

  ProbeAssembler(AgSettings settings, PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.sanitizer = sanitizer;
  }

  ProbeResult assemble(AgTopology topology, Instant observedAt) {
    List<String> reasons = new ArrayList<>();
    Optional<MemberAnswer<ReplicaView>> primary = topology.primary();
    if (topology.primaries().size() > 1) {
      reasons.add(
          "more than one replica says it is PRIMARY: "
              + topology.primaries().stream().map(a -> a.member().name()).toList()
              + " (split brain after a forced failover? fence the old primary)");
    } else if (primary.isEmpty()) {
      reasons.add("no replica answered as PRIMARY of " + settings.availabilityGroup());
    }
    primary
        .flatMap(MemberAnswer::value)
        .map(ReplicaView::clusterType)
        .filter(t -> !t.isEmpty() && !t.equals(settings.clusterType().name()))
        .ifPresent(
            t ->
                reasons.add(
                    "the group's cluster type is "
                        + t
                        + " but 'clusterType' says "
                        + settings.clusterType()
                        + ": role changes are refused until they agree"));
    Optional<MemberAnswer<ReplicaView>> dr = drReplica(topology, primary);
    List<DbGap> gaps = gaps(topology, primary, dr);
    Optional<DbGap> worst =
        gaps.stream()
            .filter(g -> g.primaryLsn.isPresent() && g.drLsn.isPresent())
            .max(
                (a, b) -> {
                  int c = a.gap().compareTo(b.gap());
                  return c != 0 ? c : b.database.compareTo(a.database);
                });
    ProbeResult.Builder builder =
        ProbeResult.builder(observedAt).sites(sites(topology)).members(members(topology, worst));
    primary.ifPresent(p -> builder.primarySite(p.site().name()));
    worst.ifPresent(
        w -> {
          builder.primaryMarker(Markers.of(w.database, w.primaryLsn.get()));
          builder.drMarker(Markers.of(w.database, w.drLsn.get()));
        });
    if (worst.isEmpty() && primary.isPresent()) {
      gaps.stream()
          .filter(g -> g.primaryLsn.isPresent())
          .findFirst()
          .ifPresent(g -> builder.primaryMarker(Markers.of(g.database, g.primaryLsn.get())));
    }
    builder.lag(lag(gaps));
    ReplicationState state = replicationState(topology, primary, dr, reasons);
    builder.replicationState(state);
    builder.health(health(topology, primary, reasons));
    builder.payload(payload(topology, primary, dr, gaps, reasons));
    return builder.build();
  }

  /** The most advanced answering secondary outside the primary's site (else in any DR site). */
  static Optional<MemberAnswer<ReplicaView>> drReplica(
      AgTopology topology, Optional<MemberAnswer<ReplicaView>> primary) {
    String primarySite = primary.map(p -> p.site().name()).orElse(null);
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      // keep configuration order of sites; pick the best secondary of the first other site
      if (primarySite == null
          ? a.site().role() != io.continuity.connector.api.SiteRole.PRIMARY
          : !a.site().name().equals(primarySite)) {
        Optional<MemberAnswer<ReplicaView>> best = topology.target(a.site().name());
        if (best.isPresent()) {
          return best;
        }
      }
    }
    return Optional.empty();
  }

  /** One database's positions on the primary and the DR replica. */
  record DbGap(
      String database,
      Optional<BigInteger> primaryLsn,
      Optional<BigInteger> drLsn,
      Optional<Long> sendQueueKb,
      Optional<Instant> primaryCommit,
      Optional<Instant> drCommit,
      Optional<ReplicaView.DbRow> drRow) {

    BigInteger gap() {
      return primaryLsn.get().subtract(drLsn.get()).max(BigInteger.ZERO);
    }
  }

  List<DbGap> gaps(
      AgTopology topology,
      Optional<MemberAnswer<ReplicaView>> primary,
      Optional<MemberAnswer<ReplicaView>> dr) {
    List<DbGap> gaps = new ArrayList<>();
    for (String db : topology.databases()) {
      Optional<ReplicaView.DbRow> p =
          primary.flatMap(a -> a.value()).stream()
              .flatMap(v -> v.localDatabases().stream())
              .filter(d -> d.database().equals(db))
              .findFirst();
      Optional<ReplicaView.DbRow> d =
          dr.flatMap(a -> a.value()).stream()
              .flatMap(v -> v.localDatabases().stream())
              .filter(r -> r.database().equals(db))
              .findFirst();
      Optional<ReplicaView.DbRow> seenByPrimary =
          primary
              .flatMap(a -> a.value())
              .flatMap(
                  v ->
                      dr.flatMap(a -> a.value())
                          .flatMap(ReplicaView::localName)
                          .flatMap(n -> v.database(n, db)));
      Optional<BigInteger> drLsn = dr.flatMap(a -> AgTopology.hardened(a, primary, db));
      gaps.add(
          new DbGap(
              db,
              p.flatMap(ReplicaView.DbRow::endOfLogLsn),
              drLsn,
              seenByPrimary
                  .flatMap(ReplicaView.DbRow::logSendQueueKb)
                  .or(() -> d.flatMap(ReplicaView.DbRow::logSendQueueKb)),
              p.flatMap(ReplicaView.DbRow::lastCommitTime),
              d.flatMap(ReplicaView.DbRow::lastCommitTime),
              d));
    }
    return gaps;
  }

  private static ReplicationLag lag(List<DbGap> gaps) {
    if (gaps.isEmpty()) {
      return ReplicationLag.UNKNOWN;
    }
    OptionalLong bytes = OptionalLong.empty();
    if (gaps.stream().allMatch(g -> g.sendQueueKb.isPresent())) {
      bytes =
          OptionalLong.of(gaps.stream().mapToLong(g -> g.sendQueueKb.get()).max().orElse(0) * 1024);
    }
    Optional<Duration> time = Optional.empty();
    if (gaps.stream().allMatch(g -> g.primaryCommit.isPresent() && g.drCommit.isPresent())) {
      // NULL last_commit_time (no quorum) leaves the time lag unknown, never zero (brief §2.9)
      time =
          gaps.stream()
              .map(g -> Duration.between(g.drCommit.get(), g.primaryCommit.get()))
              .map(d -> d.isNegative() ? Duration.ZERO : d)
              .max(Duration::compareTo);
    }
    return new ReplicationLag(bytes, time);
  }

  private ReplicationState replicationState(
      AgTopology topology,
      Optional<MemberAnswer<ReplicaView>> primary,
      Optional<MemberAnswer<ReplicaView>> dr,
      List<String> reasons) {
    if (primary.isEmpty()) {
      return ReplicationState.UNKNOWN;
    }
    ReplicaView p = primary.get().value().orElseThrow();
    boolean broken = false;
    boolean paused = false;
    boolean catchingUp = false;
    boolean seenAny = false;
    for (ReplicaView.ReplicaRow r : p.replicas()) {
      if (r.local() || !isOutsidePrimarySite(topology, primary.get(), r.name())) {
        continue;
      }
      seenAny = true;
      if ("DISCONNECTED".equals(r.connectedState())) {
        broken = true;
        reasons.add(
            "DR replica "
                + r.name()
                + " is DISCONNECTED"
                + r.lastConnectError().map(e -> " (last connect error " + e + ")").orElse(""));
      }
      if ("NOT_HEALTHY".equals(r.synchronizationHealth())) {
        broken = true;
        reasons.add("DR replica " + r.name() + " synchronization is NOT_HEALTHY");
      }
    }
    List<ReplicaView.DbRow> drRows =
        dr.flatMap(a -> a.value()).map(ReplicaView::localDatabases).orElse(List.of());
    if (dr.isEmpty()) {
      broken = true;
      reasons.add("no DR replica answered as SECONDARY");
    }
    for (ReplicaView.DbRow d : drRows) {
      seenAny = true;
      if (d.suspended()) {
        if ("SUSPEND_FROM_USER".equals(d.suspendReason())) {
          paused = true;
        } else {
          broken = true;
        }
        reasons.add(
            "database "
                + d.database()
                + " on "
                + d.replica()
                + " is suspended ("
                + (d.suspendReason().isEmpty() ? "no reason given" : d.suspendReason())
                + ")");
      }
      switch (d.synchronizationState()) {
        case "NOT SYNCHRONIZING" -> {
          if (!d.suspended()) {
            broken = true;
            reasons.add(
                "database " + d.database() + " on " + d.replica() + " is NOT SYNCHRONIZING");
          }
        }
        case "REVERTING", "INITIALIZING" -> {
          catchingUp = true;
          reasons.add(
              "database "
                  + d.database()
                  + " on "
                  + d.replica()
                  + " is "
                  + d.synchronizationState()
                  + ": it cannot become primary now");
        }
        case "SYNCHRONIZING" -> {
          String mode =
              dr.get()
                  .value()
                  .flatMap(ReplicaView::local)
                  .map(ReplicaView.ReplicaRow::availabilityMode)
                  .orElse("");
          if ("SYNCHRONOUS_COMMIT".equals(mode)) {
            catchingUp = true;
          }
        }
        default -> {}
      }
      if ("NOT_HEALTHY".equals(d.synchronizationHealth()) && !d.suspended()) {
        broken = true;
        reasons.add("database " + d.database() + " on " + d.replica() + " is NOT_HEALTHY");
      }
    }
    if (broken) {
      return ReplicationState.BROKEN;
    }
    if (paused) {
      return ReplicationState.PAUSED;
    }
    if (catchingUp) {
      return ReplicationState.CATCHING_UP;
    }
    return seenAny ? ReplicationState.STREAMING : ReplicationState.UNKNOWN;
  }

  private static boolean isOutsidePrimarySite(
      AgTopology topology, MemberAnswer<ReplicaView> primary, String replicaName) {
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      if (a.value()
          .flatMap(ReplicaView::localName)
          .map(replicaName::equalsIgnoreCase)
          .orElse(false)) {
        return !a.site().name().equals(primary.site().name());
      }
    }
    // a replica no configured member answered for: count it as DR when it is not the primary's
    // own configured member (an unreachable DR member)
    return topology.inSite(primary.site().name()).stream()
        .noneMatch(m -> m.member().name().equalsIgnoreCase(replicaName));
  }

  private static Health health(
      AgTopology topology, Optional<MemberAnswer<ReplicaView>> primary, List<String> reasons) {
    if (primary.isEmpty()) {
      return topology.answers().stream().anyMatch(MemberAnswer::answered)
          ? Health.UNHEALTHY
          : Health.UNKNOWN;
    }
    ReplicaView p = primary.get().value().orElseThrow();
    ReplicaView.ReplicaRow local = p.local().orElseThrow();
    if (local.operationalState().startsWith("FAILED")) {
      reasons.add("primary replica operational state " + local.operationalState());
      return Health.UNHEALTHY;
    }
    Health health =
        switch (local.synchronizationHealth()) {
          case "HEALTHY" -> Health.HEALTHY;
          case "PARTIALLY_HEALTHY" -> Health.DEGRADED;
          case "NOT_HEALTHY" -> Health.UNHEALTHY;
          default -> Health.UNKNOWN;
        };
    boolean secondaryTrouble =
        p.replicas().stream()
            .filter(r -> !r.local())
            .anyMatch(
                r ->
                    !"HEALTHY".equals(r.synchronizationHealth())
                        || "DISCONNECTED".equals(r.connectedState()));
    boolean memberDown = topology.answers().stream().anyMatch(a -> !a.answered());
    if (health == Health.HEALTHY && (secondaryTrouble || memberDown)) {
      return Health.DEGRADED;
    }
    return health;
  }

  private List<SiteConnectivity> sites(AgTopology topology) {
    List<SiteConnectivity> sites = new ArrayList<>();
    for (SiteEndpoint site : settings.sites()) {
      List<MemberAnswer<ReplicaView>> members = topology.inSite(site.name());
      if (members.stream().anyMatch(MemberAnswer::answered)) {
        sites.add(SiteConnectivity.reachable(site.name()));
      } else {
        MemberAnswer<ReplicaView> first = members.get(0);
        sites.add(
            new SiteConnectivity(
                site.name(),
                first.connectivity(),
                sanitizer.sanitizeText(first.member().name() + ": " + first.detail())));
      }
    }
    return sites;
  }

  private static List<MemberObservation> members(AgTopology topology, Optional<DbGap> worst) {
    List<MemberObservation> list = new ArrayList<>();
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      if (a.value().isEmpty()) {
        list.add(
            MemberObservation.unreachable(
                a.site().name(), a.member().name(), a.connectivity(), a.detail()));
        continue;
      }
      ReplicaView v = a.value().get();
      MemberRole role =
          switch (v.localRole()) {
            case "PRIMARY" -> MemberRole.PRIMARY;
            case "SECONDARY" -> MemberRole.SECONDARY;
            default -> MemberRole.OTHER;
          };
      Optional<ReplicationMarker> marker =
          worst.flatMap(
              w ->
                  v.localDatabases().stream()
                      .filter(d -> d.database().equals(w.database()))
                      .findFirst()
                      .flatMap(
                          d -> role == MemberRole.PRIMARY ? d.endOfLogLsn() : d.lastHardenedLsn())
                      .map(lsn -> Markers.of(w.database(), lsn)));
      String detail =
          v.hasGroup()
              ? "replica " + v.localName().orElse("?") + " " + v.localRole()
              : "availability group not found on this instance";
      list.add(
          new MemberObservation(
              a.site().name(), a.member().name(), role, Connectivity.REACHABLE, marker, detail));
    }
    return list;
  }

  private io.continuity.connector.api.SanitizedPayload payload(
      AgTopology topology,
      Optional<MemberAnswer<ReplicaView>> primary,
      Optional<MemberAnswer<ReplicaView>> dr,
      List<DbGap> gaps,
      List<String> reasons) {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("availabilityGroup", settings.availabilityGroup());
    primary.ifPresent(
        p -> {
          raw.put("primarySite", p.site().name());
          raw.put("primaryMember", p.member().name());
          raw.put("primaryReplica", p.value().flatMap(ReplicaView::localName).orElse(""));
          raw.put("clusterType", p.value().get().clusterType());
        });
    dr.ifPresent(d -> raw.put("drMember", d.member().name()));
    List<Map<String, Object>> dbs = new ArrayList<>();
    for (DbGap g : gaps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("database", g.database());
      m.put("primaryEndOfLogLsn", g.primaryLsn().map(BigInteger::toString).orElse(null));
      m.put("drLastHardenedLsn", g.drLsn().map(BigInteger::toString).orElse(null));
      m.put("logSendQueueKb", g.sendQueueKb().orElse(null));
      m.put("primaryLastCommitTime", g.primaryCommit().map(Instant::toString).orElse(null));
      m.put("drLastCommitTime", g.drCommit().map(Instant::toString).orElse(null));
      g.drRow()
          .ifPresent(
              r -> {
                m.put("drSynchronizationState", r.synchronizationState());
                m.put("drSuspended", r.suspended());
                m.put("drSuspendReason", r.suspendReason());
                m.put("drRedoQueueKb", r.redoQueueKb().orElse(null));
              });
      dbs.add(m);
    }
    raw.put("databases", dbs);
    Map<String, Object> members = new LinkedHashMap<>();
    for (MemberAnswer<ReplicaView> a : topology.answers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("site", a.site().name());
      m.put("connectivity", a.connectivity().name());
      a.value()
          .ifPresentOrElse(
              v -> {
                m.put("replica", v.localName().orElse(""));
                m.put("role", v.localRole());
                v.local().ifPresent(l -> m.put("availabilityMode", l.availabilityMode()));
              },
              () -> m.put("detail", a.detail()));
      members.put(a.member().name(), m);
    }
    raw.put("members", members);
    raw.put("reasons", reasons);
    return sanitizer.sanitize(raw);
  }
}

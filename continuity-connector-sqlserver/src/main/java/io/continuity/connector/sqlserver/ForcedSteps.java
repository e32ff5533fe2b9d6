package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionEndpoint;
import io.continuity.connector.support.HostActionRunner;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forced failover (brief §2.5, [doc] perform-a-forced-manual-failover-of-an-availability-group-
 * sql-server.md): check the target, fence the old primary ("prevent clients from accessing the
 * original primary replica"), capture the target's positions, FORCE_FAILOVER_ALLOW_DATA_LOSS on the
 * target, and state the potential loss per database.
 */
final class ForcedSteps {

  private final StepSupport support;
  private final HostActionRunner hostActions;
  private final Clock clock;

  ForcedSteps(StepSupport support, HostActionRunner hostActions, Clock clock) {
    this.support = support;
    this.hostActions = hostActions;
    this.clock = clock;
  }

  StepResult precheckTarget(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    AgTopology topology = support.observe(timeout);
    Map<String, String> facts = new LinkedHashMap<>();
    Optional<MemberAnswer<ReplicaView>> target =
        topology
            .target(sites.target().name())
            .or(
                () ->
                    topology.inSite(sites.target().name()).stream()
                        .filter(
                            a ->
                                a.value().map(v -> "RESOLVING".equals(v.localRole())).orElse(false))
                        .findFirst());
    if (target.isEmpty()) {
      return support.failed(
          "precheck failed: no replica of "
              + sites.target().name()
              + " answers as SECONDARY or RESOLVING; "
              + PlannedSteps.describe(topology),
          facts);
    }
    ReplicaView t = target.get().value().orElseThrow();
    facts.put(Facts.TARGET_MEMBER, target.get().member().name());
    facts.put(Facts.TARGET_REPLICA, t.localName().orElseThrow());
    for (ReplicaView.DbRow d : t.localDatabases()) {
      String state = d.synchronizationState();
      if (state.equals("REVERTING") || state.equals("INITIALIZING")) {
        return support.failed(
            "precheck failed: database "
                + d.database()
                + " on "
                + facts.get(Facts.TARGET_REPLICA)
                + " is "
                + state
                + ": it cannot be started as a primary database (forced-failover doc)",
            facts);
      }
    }
    recordSource(topology, sites.source(), facts, Facts.SOURCE_LSN);
    String sourceState =
        topology.inSite(sites.source().name()).stream()
            .map(
                a ->
                    a.member().name()
                        + " "
                        + a.value().map(ReplicaView::localRole).orElse(a.connectivity().name()))
            .toList()
            .toString();
    return support.succeeded(
        facts.get(Facts.TARGET_REPLICA)
            + " is "
            + t.localRole()
            + " with "
            + t.localDatabases().size()
            + " database(s); old primary site "
            + sites.source().name()
            + ": "
            + sourceState,
        facts);
  }

  StepResult fence(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    Map<String, String> facts = new LinkedHashMap<>();
    String command = sites.source().setting("action.fence", null);
    if (command == null) {
      return support.failed(
          "site "
              + sites.source().name()
              + " has no 'action.fence': the old primary cannot be"
              + " fenced, so the forced failover is refused",
          facts);
    }
    recordSource(support.observe(timeout), sites.source(), facts, Facts.SOURCE_LSN);
    HostActionRunner.Outcome outcome =
        hostActions.run(
            "fence",
            command,
            endpoint(sites.source()),
            endpoint(sites.target()),
            context.executionId(),
            timeout.dividedBy(2));
    if (!outcome.succeeded()) {
      return support.failed(
          "fence action of "
              + sites.source().name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output(),
          facts);
    }
    AgTopology after = support.observe(timeout.dividedBy(2));
    for (MemberAnswer<ReplicaView> a : after.inSite(sites.source().name())) {
      if (a.value().map(ReplicaView::isPrimary).orElse(false)) {
        return support.failed(
            a.member().name()
                + " still answers as PRIMARY after its fence action:\n"
                + outcome.output(),
            facts);
      }
    }
    // a fenced member that still answers (as non-primary) tells its final end of log
    recordFinal(
        after,
        Optional.ofNullable(facts.get(Facts.SOURCE_MEMBER))
            .or(() -> context.fact(Facts.SOURCE_MEMBER)),
        facts);
    return support.succeeded(
        sites.source().name() + " fenced; no replica there answers as PRIMARY\n" + outcome.output(),
        facts);
  }

  StepResult captureMarkers(StepContext context, Duration timeout) throws ConnectorException {
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    ReplicaView t = support.view(targetMember, timeout);
    Map<String, String> facts = new LinkedHashMap<>();
    capture(t, facts);
    if (facts.isEmpty()) {
      return support.failed(targetMember + " reports no database positions", facts);
    }
    StepResult result = support.succeeded("captured " + facts, facts);
    Optional<ReplicaView.DbRow> first = t.localDatabases().stream().findFirst();
    if (first.isPresent() && first.get().lastHardenedLsn().isPresent()) {
      result =
          result.withMarker(
              Markers.of(first.get().database(), first.get().lastHardenedLsn().get()));
    }
    return result;
  }

  StepResult promote(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    AgTopology topology = support.observe(timeout);
    for (MemberAnswer<ReplicaView> a : topology.primaries()) {
      if (!a.member().name().equals(targetMember)) {
        return support.failed(
            "REFUSED: "
                + a.member().name()
                + " still answers as PRIMARY: fence it first so two primaries never take writes",
            Map.of());
      }
    }
    Map<String, String> facts = new LinkedHashMap<>(context.facts());
    ReplicaView t =
        topology
            .member(targetMember)
            .flatMap(MemberAnswer::value)
            .orElseThrow(
                () ->
                    ConnectorException.notStarted(
                        targetMember + " does not answer: nothing was failed over", true, null));
    if (t.isPrimary()) {
      LossEvidence loss = FailoverEvidence.conclude(context, facts);
      return support
          .succeeded(
              targetMember + " is already PRIMARY (an earlier attempt)\n" + loss.statement(),
              Map.of())
          .withLoss(loss);
    }
    capture(t, facts);
    try (AgSession s = support.open(targetMember, AgSessions.Intent.READ_WRITE, timeout)) {
      s.execute(AgQueries.forceFailover(support.settings.availabilityGroup()));
    } catch (SQLException e) {
      if (SqlErrors.isServerRefusal(e)) {
        return support.failed(
            "REFUSED by SQL Server, roles unchanged: " + SqlErrors.describe(e), Map.of());
      }
      throw ConnectorException.outcomeUnknown(
          support.sanitizer.sanitizeText(
              "FORCE_FAILOVER_ALLOW_DATA_LOSS was sent to "
                  + targetMember
                  + " and its answer lost: "
                  + SqlErrors.describe(e)),
          null);
    }
    LossEvidence loss = FailoverEvidence.conclude(context, facts);
    Map<String, String> out = new LinkedHashMap<>();
    facts.forEach(
        (k, v) -> {
          if (k.startsWith(Facts.TARGET_HARDENED) || k.startsWith(Facts.TARGET_COMMIT)) {
            out.put(k, v);
          }
        });
    out.put(Facts.EVIDENCE, loss.statement());
    StepResult result =
        support
            .succeeded(
                "FORCE_FAILOVER_ALLOW_DATA_LOSS accepted by "
                    + targetMember
                    + " at "
                    + clock.instant()
                    + " (recovery continues asynchronously; other secondaries' databases are now"
                    + " SUSPEND_FROM_PARTNER)\n"
                    + loss.statement(),
                out)
            .withLoss(loss);
    return loss.reached().map(result::withMarker).orElse(result);
  }

  /**
   * Resumes suspended databases on the other replicas of the target's site when their end of log is
   * not past the new primary's hardened log at the failover: resuming them rolls nothing back.
   */
  StepResult resumeSiteSecondaries(StepContext context, Duration timeout)
      throws ConnectorException {
    StepSupport.Sites sites = support.sites(context.plan());
    String targetMember = support.fact(context, Facts.TARGET_MEMBER);
    AgTopology topology = support.observe(timeout);
    List<String> notes = new ArrayList<>();
    for (MemberAnswer<ReplicaView> a : topology.inSite(sites.target().name())) {
      ReplicaView v = a.value().orElse(null);
      if (a.member().name().equals(targetMember) || v == null || !v.isSecondary()) {
        continue;
      }
      List<String> resume = new ArrayList<>();
      for (ReplicaView.DbRow d : v.localDatabases()) {
        if (!d.suspended()) {
          continue;
        }
        Optional<java.math.BigInteger> fork =
            context.fact(Facts.TARGET_HARDENED + d.database()).map(java.math.BigInteger::new);
        Optional<java.math.BigInteger> end = d.endOfLogLsn();
        if (fork.isPresent() && end.isPresent() && end.get().compareTo(fork.get()) <= 0) {
          resume.add(d.database());
        } else {
          notes.add(
              a.member().name()
                  + ": "
                  + d.database()
                  + " left suspended: its end_of_log_lsn "
                  + end.map(Object::toString).orElse("unknown")
                  + " may be past the new primary's "
                  + fork.map(Object::toString).orElse("unknown")
                  + " (snapshot it before resuming)");
        }
      }
      if (resume.isEmpty()) {
        continue;
      }
      try (AgSession s = support.open(a.member().name(), AgSessions.Intent.READ_WRITE, timeout)) {
        for (String db : resume) {
          s.execute(AgQueries.resume(db));
          notes.add(a.member().name() + ": resumed " + db);
        }
      } catch (SQLException e) {
        throw ConnectorException.permanent(
            support.sanitizer.sanitizeText(
                "SET HADR RESUME on " + a.member().name() + " failed: " + SqlErrors.describe(e)),
            null);
      }
    }
    return support.succeeded(
        notes.isEmpty()
            ? "no other replica of " + sites.target().name() + " to resume"
            : String.join("\n", notes),
        Map.of());
  }

  private static void capture(ReplicaView t, Map<String, String> facts) {
    for (ReplicaView.DbRow d : t.localDatabases()) {
      d.lastHardenedLsn()
          .ifPresent(
              lsn ->
                  facts.merge(
                      Facts.TARGET_HARDENED + d.database(),
                      lsn.toString(),
                      (a, b) ->
                          new java.math.BigInteger(a).max(new java.math.BigInteger(b)).toString()));
      d.lastCommitTime()
          .ifPresent(c -> facts.put(Facts.TARGET_COMMIT + d.database(), c.toString()));
      t.clusterState(t.localName().orElse(""), d.database())
          .flatMap(ReplicaView.ClusterRow::failoverReady)
          .ifPresent(r -> facts.put(Facts.FAILOVER_READY + d.database(), r ? "1" : "0"));
    }
  }

  /** Records the end of log of the primary of {@code site}, if it still answers as primary. */
  private void recordSource(
      AgTopology topology, SiteEndpoint site, Map<String, String> facts, String prefix) {
    for (MemberAnswer<ReplicaView> a : topology.inSite(site.name())) {
      ReplicaView v = a.value().orElse(null);
      if (v == null || !v.isPrimary()) {
        continue;
      }
      facts.put(Facts.SOURCE_MEMBER, a.member().name());
      facts.put(Facts.SOURCE_SEEN_AT, clock.instant().toString());
      for (ReplicaView.DbRow d : v.localDatabases()) {
        d.endOfLogLsn().ifPresent(lsn -> facts.put(prefix + d.database(), lsn.toString()));
      }
    }
  }

  /**
   * After the fence: the old primary, if it still answers (no longer as primary), cannot take
   * writes any more, so its end of log is final.
   */
  private static void recordFinal(
      AgTopology topology, Optional<String> sourceMember, Map<String, String> facts) {
    if (sourceMember.isEmpty()) {
      return;
    }
    topology
        .member(sourceMember.get())
        .flatMap(MemberAnswer::value)
        .filter(v -> !v.isPrimary())
        .ifPresent(
            v -> {
              for (ReplicaView.DbRow d : v.localDatabases()) {
                d.endOfLogLsn()
                    .ifPresent(lsn -> facts.put(Facts.SOURCE_FINAL + d.database(), lsn.toString()));
              }
            });
  }

  private static HostActionEndpoint endpoint(SiteEndpoint site) {
    MemberEndpoint m = site.members().get(0);
    return new HostActionEndpoint(site.name(), m.host(), m.port());
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The unplanned promotion: check the target, fence the old primary, capture the markers that bound
 * any data loss (and, where the operator configured {@code action.final-position}, read the old
 * primary's final WAL position so the loss is exact), promote (refused while the old primary still
 * takes writes). The last primary position comes from the engine ({@link
 * StepContext#lastPrimaryMarker()}, read from the store) and from this run's own look before the
 * fence, never from one process's memory.
 */
final class FailoverSteps {

  private static final Duration APPLY_WAIT = Duration.ofSeconds(10);

  private final StepSupport support;

  FailoverSteps(StepSupport support) {
    this.support = support;
  }

  StepResult precheckTarget(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation target = support.observe(sites.target());
    SiteObservation source = support.observe(sites.source());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.SOURCE, sites.source().name());
    facts.put(Facts.TARGET, sites.target().name());
    facts.put("sourceConnectivity", source.connectivity().name());
    if (source.isPrimary()) {
      sourceSeen(source, facts);
    }
    if (!target.isStandby()) {
      return support.failed("precheck failed: " + CheckSteps.describe(target, "standby"), facts);
    }
    facts.put(Facts.TARGET_REPLAY_LSN, String.valueOf(target.replayLsn()));
    facts.put(Facts.TARGET_TIMELINE, Long.toString(target.timeline()));
    String sourceState =
        source.isPrimary()
            ? "still a primary (it will be fenced)"
            : source.reachable() ? "a standby" : "unreachable (" + source.connectivity() + ")";
    return support.succeeded(
        sites.target().name()
            + " is a standby at "
            + target.replayLsn()
            + "; "
            + sites.source().name()
            + " is "
            + sourceState,
        facts);
  }

  /** Records the source's LSN if it still answers, then runs its fence action and checks it. */
  StepResult fence(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Map<String, String> facts = new LinkedHashMap<>();
    SiteObservation before = support.observe(sites.source());
    if (before.isPrimary()) {
      sourceSeen(before, facts);
    }
    HostActionRunner.Outcome outcome =
        support.hostActions.run(
            "fence", sites.source(), sites.target(), context.executionId(), timeout);
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
    SiteObservation after = support.observe(sites.source());
    if (after.isPrimary()) {
      return support.failed(
          sites.source().name()
              + " still accepts writes after its fence action:\n"
              + outcome.output(),
          facts);
    }
    facts.put("fenced", sites.source().name());
    return support.succeeded(
        sites.source().name() + " fenced (" + after.connectivity() + ")\n" + outcome.output(),
        facts);
  }

  /**
   * Lets the target apply what it received, reads the old primary's final position where a
   * final-position action is configured, and states the loss evidence.
   */
  StepResult captureMarkers(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Instant deadline = Instant.now().plus(StepSupport.limit(APPLY_WAIT, timeout));
    Map<String, String> facts = new LinkedHashMap<>();
    finalPosition(context, sites, timeout, facts);
    try (Connection c = support.open(sites.target())) {
      Lsn receive;
      Lsn replay;
      do {
        receive =
            Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_receive_lsn()::text"));
        replay =
            Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()::text"));
        if (receive == null || (replay != null && replay.isAtOrAfter(receive))) {
          break;
        }
        StepSupport.pause(Duration.ofMillis(50));
      } while (StepSupport.before(deadline));
      if (replay == null) {
        return support.failed(sites.target().name() + " reports no replay position", facts);
      }
      Lsn reached = receive != null && receive.compareTo(replay) > 0 ? receive : replay;
      facts.put(Facts.TARGET_REPLAY_LSN, replay.toString());
      if (receive != null) {
        facts.put(Facts.TARGET_RECEIVE_LSN, receive.toString());
      }
      lastReplayedCommit(c).ifPresent(t -> facts.put(Facts.LAST_REPLAYED_COMMIT, t.toString()));
      LossEvidence loss = evidence(context, facts, sites.source(), reached);
      return support.succeeded(loss.statement(), facts, reached).withLoss(loss);
    } catch (SQLException e) {
      throw support.unreachable("capture markers", sites.target(), e);
    }
  }

  /**
   * Promotes the target unless the old primary still accepts writes. Safe to run again: a target an
   * earlier attempt already promoted (out of recovery on a newer timeline than before the run) is
   * accepted as done, with the loss evidence from its switch point or, where that cannot be read,
   * from the markers captured before the promotion (never more favourable than the truth).
   */
  StepResult promote(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation source = support.observe(sites.source());
    if (source.isPrimary()) {
      return support.failed(
          "REFUSED: "
              + sites.source().name()
              + " still accepts writes; fence it first so two"
              + " primaries never exist");
    }
    try (Connection c = support.open(sites.target())) {
      if (!"true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        return PriorPromotions.unplanned(
            support,
            context,
            c,
            sites.target(),
            reached -> evidence(context, Map.of(), sites.source(), reached));
      }
      Lsn receive =
          Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_receive_lsn()::text"));
      Lsn replay =
          Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()::text"));
      Lsn reached =
          receive != null && (replay == null || receive.compareTo(replay) > 0) ? receive : replay;
      Map<String, String> facts = new LinkedHashMap<>();
      lastReplayedCommit(c).ifPresent(t -> facts.put(Facts.LAST_REPLAYED_COMMIT, t.toString()));
      LossEvidence loss = evidence(context, facts, sites.source(), reached);
      StepResult promoted = PromoteCall.promote(support, c, sites.target(), reached, facts);
      return promoted.succeeded() ? promoted.withLoss(loss) : promoted;
    } catch (SQLException e) {
      throw support.unreachable("promote", sites.target(), e);
    }
  }

  /** The loss evidence for a target that reached {@code reached}, from what this run knows. */
  private LossEvidence evidence(
      StepContext context, Map<String, String> stepFacts, SiteSettings source, Lsn reached) {
    Map<String, String> all = new LinkedHashMap<>(context.facts());
    all.putAll(stepFacts);
    Optional<Evidence.Final> end =
        Optional.ofNullable(all.get(Facts.FINAL_POSITION_LSN))
            .map(Lsn::parse)
            .map(
                lsn ->
                    new Evidence.Final(
                        lsn, "read from its WAL by its final-position action after it stopped"));
    Optional<Instant> lastCommit =
        Optional.ofNullable(all.get(Facts.LAST_REPLAYED_COMMIT)).map(Instant::parse);
    return Evidence.failover(lastSeen(context, all, source), end, reached, lastCommit);
  }

  /** Where the old primary was last seen: by monitoring (from the store) or by this run. */
  private static Optional<Evidence.Seen> lastSeen(
      StepContext context, Map<String, String> facts, SiteSettings source) {
    Optional<Evidence.Seen> monitored =
        context
            .lastPrimaryMarker()
            .filter(m -> m.site().equals(source.name()))
            .filter(m -> Lsn.MARKER_KIND.equals(m.marker().kind()))
            .map(FailoverSteps::seenByMonitoring);
    Optional<Evidence.Seen> byRun =
        Optional.ofNullable(facts.get(Facts.SOURCE_LSN_AT_FENCE))
            .filter(v -> facts.containsKey(Facts.SOURCE_SEEN_AT))
            .map(
                v ->
                    new Evidence.Seen(
                        Lsn.parse(v),
                        Instant.parse(facts.get(Facts.SOURCE_SEEN_AT)),
                        "seen by this run before the fence"));
    return Stream.of(monitored, byRun)
        .flatMap(Optional::stream)
        .max((a, b) -> a.lsn().compareTo(b.lsn()));
  }

  private static Evidence.Seen seenByMonitoring(ObservedMarker m) {
    return new Evidence.Seen(Lsn.parse(m.marker().value()), m.observedAt(), "seen by monitoring");
  }

  /** Runs the source's final-position action where configured; records the LSN or the problem. */
  private void finalPosition(
      StepContext context, StepSupport.Sites sites, Duration timeout, Map<String, String> facts) {
    if (sites.source().action("final-position").isEmpty()) {
      return;
    }
    try {
      HostActionRunner.Outcome outcome =
          support.hostActions.run(
              "final-position", sites.source(), sites.target(), context.executionId(), timeout);
      Optional<String> lsn =
          outcome
              .output()
              .lines()
              .filter(l -> l.startsWith("final-lsn:"))
              .map(l -> l.substring("final-lsn:".length()).trim())
              .findFirst();
      if (outcome.succeeded() && lsn.isPresent()) {
        facts.put(Facts.FINAL_POSITION_LSN, Lsn.parse(lsn.get()).toString());
      } else {
        facts.put(
            Facts.FINAL_POSITION_PROBLEM,
            "final-position action exited with " + outcome.exitCode() + ": " + outcome.output());
      }
    } catch (ConnectorException | IllegalArgumentException e) {
      facts.put(Facts.FINAL_POSITION_PROBLEM, "final-position action: " + e.getMessage());
    }
  }

  private static void sourceSeen(SiteObservation source, Map<String, String> facts) {
    facts.put(Facts.SOURCE_LSN_AT_FENCE, source.currentLsn().toString());
    facts.put(Facts.SOURCE_SEEN_AT, Instant.now().toString());
  }

  /** The commit time of the last transaction the standby replayed, if it replayed any. */
  private static Optional<Instant> lastReplayedCommit(Connection c) throws SQLException {
    String text =
        StepSupport.queryText(
            c,
            "select to_char(pg_last_xact_replay_timestamp() at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

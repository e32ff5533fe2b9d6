package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The unplanned promotion: check the target, fence the old primary, capture the markers that bound
 * any data loss, promote (refused while the old primary still takes writes).
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
      support.memory.saw(source.site(), source.currentLsn());
      facts.put(Facts.SOURCE_LSN_AT_FENCE, source.currentLsn().toString());
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
      support.memory.saw(before.site(), before.currentLsn());
      facts.put(Facts.SOURCE_LSN_AT_FENCE, before.currentLsn().toString());
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

  /** Lets the target apply what it received and states the loss evidence. */
  StepResult captureMarkers(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Instant deadline = Instant.now().plus(StepSupport.limit(APPLY_WAIT, timeout));
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
        return support.failed(sites.target().name() + " reports no replay position");
      }
      Lsn reached = receive != null && receive.compareTo(replay) > 0 ? receive : replay;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put(Facts.TARGET_REPLAY_LSN, replay.toString());
      if (receive != null) {
        facts.put(Facts.TARGET_RECEIVE_LSN, receive.toString());
      }
      facts.putAll(Evidence.conclude(lastPrimary(context, sites.source()), reached));
      return support.succeeded(facts.get(Facts.EVIDENCE), facts, reached);
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
            support, context, c, sites.target(), lastPrimary(context, sites.source()));
      }
      Lsn receive =
          Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_receive_lsn()::text"));
      Lsn replay =
          Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()::text"));
      Lsn reached =
          receive != null && (replay == null || receive.compareTo(replay) > 0) ? receive : replay;
      Map<String, String> facts =
          new LinkedHashMap<>(Evidence.conclude(lastPrimary(context, sites.source()), reached));
      return PromoteCall.promote(support, c, sites.target(), reached, facts);
    } catch (SQLException e) {
      throw support.unreachable("promote", sites.target(), e);
    }
  }

  /** The highest primary LSN known: from the engine, the fence step, or this connector's probes. */
  private Optional<Lsn> lastPrimary(StepContext context, SiteSettings source) {
    return Stream.of(
            StepSupport.lsnFact(context, Facts.LAST_OBSERVED_PRIMARY_LSN),
            StepSupport.lsnFact(context, Facts.SOURCE_LSN_AT_FENCE),
            StepSupport.lsnFact(context, Facts.LAST_PRIMARY_LSN),
            support.memory.highestOn(source.name()))
        .flatMap(Optional::stream)
        .max(Lsn::compareTo);
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.postgresql.SiteObservation.WalSender;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Steps that only look (prechecks, postchecks) and the write check on a new primary. */
final class CheckSteps {

  private final StepSupport support;

  CheckSteps(StepSupport support) {
    this.support = support;
  }

  /**
   * Before a roll-forward: the source takes no writes (stopped, or read-only by default, as the
   * failed run's quiesce left it) and the target is still a standby. Records the timeline the
   * target follows, which the promote step uses to tell its own promotion from anyone else's.
   */
  StepResult precheckContinuation(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation source = support.observe(sites.source());
    SiteObservation target = support.observe(sites.target());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.SOURCE, sites.source().name());
    facts.put(Facts.TARGET, sites.target().name());
    List<String> problems = new ArrayList<>();
    if (source.isPrimary() && !source.readOnlyByDefault()) {
      problems.add(
          source.site()
              + " takes writes again (a primary, not read-only): the run's quiesce was undone;"
              + " request a new switchover instead");
    } else if (source.isStandby()) {
      problems.add(source.site() + " is a standby now: the roles changed since the failed run");
    }
    if (!target.isStandby()) {
      problems.add(describe(target, "standby"));
    } else if (target.replayPaused()) {
      problems.add("replay is paused on " + target.site() + ": resume it first");
    }
    if (!problems.isEmpty()) {
      return support.failed(String.join("; ", problems), facts);
    }
    facts.put(Facts.PRIMARY_TIMELINE, Long.toString(target.timeline()));
    return support.succeeded(
        source.site()
            + (source.reachable() ? " is read-only by default" : " does not answer (stopped)")
            + " and takes no writes; "
            + target.site()
            + " is its standby on timeline "
            + target.timeline()
            + ": the switchover continues from the quiesce",
        facts);
  }

  /** Source primary, target a streaming standby on its timeline, not paused, lag in bounds. */
  StepResult precheckReplication(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation source = support.observe(sites.source());
    SiteObservation target = support.observe(sites.target());
    List<String> problems = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.SOURCE, sites.source().name());
    facts.put(Facts.TARGET, sites.target().name());
    if (!source.isPrimary()) {
      problems.add(describe(source, "primary"));
    }
    if (!target.isStandby()) {
      problems.add(describe(target, "standby"));
    }
    if (problems.isEmpty()) {
      facts.put(Facts.PRIMARY_TIMELINE, Long.toString(source.timeline()));
      Optional<WalSender> sender = ProbeAssembler.senderFor(source, target.site());
      if (target.replayPaused()) {
        problems.add("replay is paused on " + target.site() + ": resume it first");
      }
      if (target.receiver().filter(SiteObservation.WalReceiver::streaming).isEmpty()
          || sender.filter(s -> "streaming".equals(s.state())).isEmpty()) {
        problems.add(target.site() + " is not streaming from " + source.site());
      }
      target
          .receiver()
          .filter(r -> r.receivedTimeline() != source.timeline())
          .ifPresent(
              r ->
                  problems.add(
                      target.site()
                          + " follows timeline "
                          + r.receivedTimeline()
                          + ", "
                          + source.site()
                          + " is on "
                          + source.timeline()));
      if (target.replayLsn() != null) {
        long lag = source.currentLsn().bytesAfter(target.replayLsn());
        facts.put(Facts.LAG_BYTES, Long.toString(lag));
        if (lag > support.settings.maxSwitchoverLagBytes()) {
          problems.add(
              "lag "
                  + lag
                  + " bytes exceeds maxSwitchoverLagBytes "
                  + support.settings.maxSwitchoverLagBytes());
        }
      }
    }
    if (!problems.isEmpty()) {
      return support.failed("precheck failed: " + String.join("; ", problems), facts);
    }
    return support.succeeded(
        sites.source().name()
            + " is primary on timeline "
            + source.timeline()
            + ", "
            + sites.target().name()
            + " streams with "
            + facts.get(Facts.LAG_BYTES)
            + " bytes of lag",
        facts);
  }

  /** The new primary is out of recovery, not read-only by default, and commits a write. */
  StepResult verifyWrites(StepContext context) throws ConnectorException {
    SiteSettings target = support.sites(context).target();
    try (Connection c = support.open(target)) {
      if ("true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        return support.failed(target.name() + " is still in recovery: it does not take writes");
      }
      if ("on".equals(StepSupport.queryText(c, "show default_transaction_read_only"))) {
        return support.failed(
            target.name()
                + " is read-only by default (default_transaction_read_only = on):"
                + " ALTER SYSTEM RESET default_transaction_read_only and reload");
      }
      String xid;
      try (Statement s = c.createStatement()) {
        s.execute("start transaction read write");
        xid = StepSupport.queryText(c, "select pg_current_xact_id()::text");
        s.execute("commit");
      }
      String lsn = StepSupport.queryText(c, "select pg_current_wal_lsn()::text");
      return support.succeeded(
          target.name() + " committed transaction " + xid + "; WAL at " + lsn,
          Map.of(Facts.VERIFIED_LSN, lsn));
    } catch (SQLException e) {
      return support.failed(
          "writing on " + target.name() + " failed: " + SqlFailures.detail(e, support.sanitizer));
    }
  }

  /** The expected primary is the only one; with a rejoin, the other streams from it. */
  StepResult postcheckRoles(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    boolean drill = context.plan().type() == OperationType.DRILL;
    SiteSettings expectedPrimary = drill ? sites.source() : sites.target();
    SiteSettings other = drill ? sites.target() : sites.source();
    SiteObservation primary = support.observe(expectedPrimary);
    SiteObservation second = support.observe(other);
    List<String> problems = new ArrayList<>();
    if (!primary.isPrimary()) {
      problems.add(describe(primary, "primary"));
    }
    if (second.isPrimary()) {
      problems.add(other.name() + " also accepts writes: fence it now");
    }
    boolean mustStream = drill || context.plan().step(StepIds.REJOIN_OLD_PRIMARY).isPresent();
    if (mustStream
        && (!second.isStandby()
            || second.receiver().filter(SiteObservation.WalReceiver::streaming).isEmpty())) {
      problems.add(other.name() + " does not stream from " + expectedPrimary.name());
    }
    if (!problems.isEmpty()) {
      return support.failed("roles are wrong: " + String.join("; ", problems));
    }
    String otherState =
        second.isStandby() ? "a standby" : "not writable (" + second.connectivity() + ")";
    return support.succeeded(
        expectedPrimary.name() + " is the primary; " + other.name() + " is " + otherState,
        Map.of("primary", expectedPrimary.name()));
  }

  static String describe(SiteObservation o, String expected) {
    if (!o.reachable()) {
      return o.site() + " did not answer (" + o.connectivity() + ": " + o.detail() + ")";
    }
    return o.site()
        + " is "
        + (o.inRecovery() ? "a standby" : "a primary")
        + ", expected "
        + expected;
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planned role change: quiesce the primary and take its final LSN, wait for the standby to
 * replay it, promote (refused unless replayed), rejoin the old primary. Safety invariant 7 lives in
 * {@link #promote}.
 */
final class SwitchoverSteps {

  private static final Pattern CHECKPOINT =
      Pattern.compile("Latest checkpoint location:\\s*([0-9A-Fa-f]+/[0-9A-Fa-f]+)");
  private static final Pattern CLEAN =
      Pattern.compile("Database cluster state:\\s*shut down\\s*$", Pattern.MULTILINE);

  /** Replay polling: a cheap query on one held connection; every ms here is write downtime. */
  private static final Duration POLL = Duration.ofMillis(5);

  private final StepSupport support;
  private final QuiesceUndo undo;

  SwitchoverSteps(StepSupport support) {
    this.support = support;
    this.undo = new QuiesceUndo(support);
  }

  /** Stops writes on the source and records its final LSN. */
  StepResult quiesce(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteSettings source = sites.source();
    holdTargetSession(context, sites.target());
    if (source.hasAction("stop")) {
      HostActionRunner.Outcome outcome =
          support.hostActions.run("stop", source, sites.target(), context.executionId(), timeout);
      if (!outcome.succeeded()) {
        return support.failed(
            "stop action of "
                + source.name()
                + " exited with "
                + outcome.exitCode()
                + ":\n"
                + outcome.output());
      }
      Matcher checkpoint = CHECKPOINT.matcher(outcome.output());
      if (!checkpoint.find() || !CLEAN.matcher(outcome.output()).find()) {
        return support.failed(
            "the stop action of "
                + source.name()
                + " must end with a clean shutdown and print"
                + " pg_controldata's 'Database cluster state: shut down' and 'Latest checkpoint"
                + " location:' lines; without them the final LSN is unknown. Output:\n"
                + outcome.output());
      }
      Lsn finalLsn = Lsn.parse(checkpoint.group(1));
      return support.succeeded(
          source.name() + " shut down cleanly; final LSN (shutdown checkpoint) " + finalLsn,
          Map.of(
              Facts.QUIESCE_METHOD, Facts.STOP_ACTION,
              Facts.FINAL_LSN, finalLsn.toString(),
              Facts.FINAL_LSN_KIND, Facts.SHUTDOWN_CHECKPOINT),
          finalLsn);
    }
    try (Connection c = support.open(source);
        Statement s = c.createStatement()) {
      if ("true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        return support.failed(source.name() + " is not a primary: nothing to quiesce");
      }
      s.execute("alter system set default_transaction_read_only = on");
      s.execute("select pg_reload_conf()");
      s.execute(
          "select pg_terminate_backend(pid) from pg_stat_activity"
              + " where backend_type = 'client backend' and pid <> pg_backend_pid()");
      Lsn finalLsn =
          Lsn.parse(StepSupport.queryText(c, "select pg_current_wal_insert_lsn()::text"));
      return support.succeeded(
          source.name()
              + " is read-only by default and its client sessions were ended;"
              + " final LSN "
              + finalLsn
              + " (sessions that explicitly ask for read-write are not stopped: configure a stop"
              + " action for a hard quiesce)",
          Map.of(
              Facts.QUIESCE_METHOD, Facts.READ_ONLY,
              Facts.FINAL_LSN, finalLsn.toString(),
              Facts.FINAL_LSN_KIND, Facts.READ_ONLY_CURRENT),
          finalLsn);
    } catch (SQLException e) {
      throw support.unreachable("quiesce", source, e);
    }
  }

  /** Waits until the target has replayed the final LSN. */
  StepResult waitForCatchUp(StepContext context, Duration timeout) throws ConnectorException {
    Optional<Lsn> finalLsn = StepSupport.lsnFact(context, Facts.FINAL_LSN);
    if (finalLsn.isEmpty()) {
      return support.failed("no final LSN of the old primary: run quiesce-primary first");
    }
    SiteSettings target = support.sites(context).target();
    boolean exclusive = Facts.SHUTDOWN_CHECKPOINT.equals(context.facts().get(Facts.FINAL_LSN_KIND));
    Instant deadline = Instant.now().plus(timeout);
    Lsn replay = null;
    Connection c = null;
    try {
      c = support.openOrTakeHeld(context, target);
      do {
        replay =
            Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()::text"));
        if (replay != null && reached(replay, finalLsn.get(), exclusive)) {
          support.held.put(context.executionId(), target.name(), c); // the promote step's
          c = null;
          return support.succeeded(
              target.name() + " replayed " + replay + ", past the final LSN " + finalLsn.get(),
              Map.of(Facts.TARGET_REPLAY_LSN, replay.toString()),
              replay);
        }
        StepSupport.pause(POLL);
      } while (StepSupport.before(deadline));
    } catch (SQLException e) {
      closeQuietly(c);
      c = null;
      return undo.failAndRestore(
          context,
          "wait for catch-up: "
              + target.name()
              + " did not answer ("
              + SqlFailures.detail(e, support.sanitizer)
              + ")",
          Map.of());
    } finally {
      closeQuietly(c);
    }
    return undo.failAndRestore(
        context,
        target.name()
            + " replayed only up to "
            + replay
            + " within "
            + timeout
            + "; the old primary's final LSN is "
            + finalLsn.get(),
        replay == null ? Map.of() : Map.of(Facts.TARGET_REPLAY_LSN, replay.toString()));
  }

  /**
   * Promotes the target, and refuses unless it has replayed the old primary's final LSN and the old
   * primary takes no writes. Safe to run again: a target an earlier attempt already promoted (out
   * of recovery on a newer timeline, past the final LSN where its switch point can be read) is
   * accepted as done; anything else out of recovery is refused for a person to look at.
   */
  StepResult promote(StepContext context) throws ConnectorException {
    Optional<Lsn> finalLsn = StepSupport.lsnFact(context, Facts.FINAL_LSN);
    StepSupport.Sites sites = support.sites(context);
    SiteSettings target = sites.target();
    if (finalLsn.isEmpty()) {
      return support.failed(
          "REFUSED: the old primary's final LSN is unknown, so "
              + target.name()
              + " cannot be shown to have replayed it; run quiesce-primary first");
    }
    boolean exclusive = Facts.SHUTDOWN_CHECKPOINT.equals(context.facts().get(Facts.FINAL_LSN_KIND));
    SiteObservation source = support.observe(sites.source());
    if (source.isPrimary() && !source.readOnlyByDefault()) {
      return support.failed(
          "REFUSED: "
              + source.site()
              + " takes writes again (a primary, not read-only): promoting "
              + target.name()
              + " now would make two primaries. Find out who restarted it, then run a new"
              + " request");
    }
    Connection opened;
    try {
      opened = support.openOrTakeHeld(context, target);
    } catch (SQLException e) {
      throw support.notReached("promote", target, e);
    }
    try (Connection c = opened) {
      if (!"true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        return PriorPromotions.planned(support, context, c, target, finalLsn.get(), exclusive);
      }
      Lsn replay =
          Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()::text"));
      if (replay == null || !reached(replay, finalLsn.get(), exclusive)) {
        return undo.failAndRestore(
            context,
            "REFUSED: "
                + target.name()
                + " has replayed up to "
                + replay
                + " but the old primary's final LSN is "
                + finalLsn.get()
                + "; promoting now would lose writes",
            Map.of(Facts.FINAL_LSN, finalLsn.get().toString()));
      }
      StepResult promoted = PromoteCall.promote(support, c, target, replay, new LinkedHashMap<>());
      return promoted.succeeded()
          ? promoted.withLoss(
              Evidence.switchover(
                  replay,
                  finalLsn.get(),
                  exclusive ? "shutdown checkpoint" : "last LSN while read-only"))
          : promoted;
    } catch (SQLException e) {
      throw support.unreachable("promote", target, e);
    }
  }

  /** Runs the source's rejoin action and waits until it streams from the target. */
  StepResult rejoin(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Instant deadline = Instant.now().plus(timeout);
    HostActionRunner.Outcome outcome =
        support.hostActions.run(
            "rejoin",
            sites.source(),
            sites.target(),
            context.executionId(),
            support.settings.actionTimeout());
    if (!outcome.succeeded()) {
      return support.failed(
          "rejoin action of "
              + sites.source().name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output());
    }
    StepResult streaming = ResyncWait.awaitStreaming(support, sites.source(), deadline);
    if (!streaming.succeeded()) {
      return streaming;
    }
    String note = "";
    if (Facts.READ_ONLY.equals(context.facts().get(Facts.QUIESCE_METHOD))) {
      note = ResyncWait.resetReadOnly(support, sites.source());
    }
    return support.succeeded(
        sites.source().name()
            + " rejoined as a standby of "
            + sites.target().name()
            + note
            + "\n"
            + outcome.output(),
        ResyncWait.facts("rejoined", sites.source().name(), outcome.output()));
  }

  /**
   * Opens the connection that the catch-up wait and the promotion will use while the primary still
   * takes writes, so neither pays for a connection in the write window. Best effort: when the
   * target does not answer now, those steps open (and report on) their own.
   */
  private void holdTargetSession(StepContext context, SiteSettings target)
      throws ConnectorException {
    try {
      support.held.put(context.executionId(), target.name(), support.open(target));
    } catch (SQLException e) {
      // the catch-up step opens its own and says why it cannot
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // already gone
      }
    }
  }

  static boolean reached(Lsn replay, Lsn finalLsn, boolean exclusive) {
    return exclusive ? replay.compareTo(finalLsn) > 0 : replay.isAtOrAfter(finalLsn);
  }
}

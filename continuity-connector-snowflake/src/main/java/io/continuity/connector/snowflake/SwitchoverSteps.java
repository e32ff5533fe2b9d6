package io.continuity.connector.snowflake;

import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.QUIESCE_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.REJOIN_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.snowflake.AccountObservation.GroupRow;
import io.continuity.connector.snowflake.AccountObservation.RefreshRow;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.HostActionRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planned switchover (brief §3.4): quiesce the primary and take its clock, refresh the target
 * until a COMPLETED refresh's snapshot is at or after that time, promote behind the same gate, and
 * resume refreshes on the old primary. Also the failback's resync (a refresh of the old primary).
 */
final class SwitchoverSteps {

  private static final int MAX_REFRESHES = 3;

  private final StepSupport s;
  private final Promotion promotion;

  SwitchoverSteps(StepSupport support) {
    this.s = support;
    this.promotion = new Promotion(support);
  }

  /** Runs the quiesce statement on the source, then records the source's clock. */
  StepResult quiesce(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account source = s.source(context);
    if (s.settings.quiesceStatement().isEmpty() && source.quiesceAction().isEmpty()) {
      throw ConnectorException.notStarted(
          "neither quiesceStatement nor " + source.site() + "'s action.quiesce is configured",
          false,
          null);
    }
    try {
      Optional<GroupRow> row = s.accounts.groupRow(source, deadline);
      if (row.isEmpty() || !row.get().isPrimary()) {
        return s.failed(source.site() + " is not the primary: nothing was quiesced");
      }
    } catch (SqlApiException e) {
      throw s.toException("reading the group before the quiesce", source, e, false);
    }
    long quiescedAt;
    StringBuilder how = new StringBuilder();
    if (source.quiesceAction().isPresent()) {
      HostActionRunner.Outcome outcome =
          s.hostAction(
              "quiesce", source.quiesceAction().get(), source, context, deadline.remaining());
      if (!outcome.succeeded()) {
        return s.failed(
            source.site()
                + "'s action.quiesce exited "
                + outcome.exitCode()
                + ": "
                + outcome.output());
      }
      how.append("action.quiesce");
    }
    try {
      if (s.settings.quiesceStatement().isPresent()) {
        s.change(
            source,
            s.settings.quiesceStatement().get(),
            context,
            QUIESCE_PRIMARY,
            "quiesce",
            deadline);
        how.append(how.length() > 0 ? " and " : "").append("the quiesce statement");
      }
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("the quiesce statement failed on " + source.site() + ": " + e.describe());
      }
      throw s.toException("the quiesce statement", source, e, true);
    }
    try {
      quiescedAt = s.accounts.now(source, deadline);
    } catch (SqlApiException e) {
      throw s.toException(
          "reading the clock after the quiesce (writes are stopped)", source, e, true);
    }
    return s.succeeded(
            "writes stopped on "
                + source.site()
                + " by "
                + how
                + "; quiesce time "
                + SnapshotTime.instant(quiescedAt),
            Map.of(StepSupport.QUIESCED_AT, Long.toString(quiescedAt)))
        .withMarker(SnapshotTime.marker(quiescedAt));
  }

  /**
   * Refreshes the target until a COMPLETED refresh has a snapshot at or after the quiesce time. A
   * refresh that was already running (scheduled, started before the quiesce) is waited for and does
   * not count unless its snapshot passes the gate; then another refresh is started.
   */
  StepResult waitForCatchUp(StepContext context, Duration timeout) throws ConnectorException {
    long quiescedAt = s.fact(context, StepSupport.QUIESCED_AT, QUIESCE_PRIMARY);
    // keep room within the step's timeout to release the quiesce if the target cannot catch up
    Duration room = s.settings.statementTimeout().multipliedBy(2);
    Duration wait = timeout.compareTo(room.multipliedBy(2)) > 0 ? timeout.minus(room) : timeout;
    Deadline deadline = Deadline.in(wait);
    Account target = s.target(context);
    String group = s.settings.failoverGroup();
    int submitted = 0;
    String last = "no refresh observed yet";
    while (true) {
      List<RefreshRow> history;
      try {
        history = s.accounts.history(target, deadline);
      } catch (SqlApiException e) {
        if (deadline.passed()) {
          return undoQuiesce(
              context, "the history of " + target.site() + " could not be read: " + e.describe());
        }
        last = "history unreadable: " + e.describe();
        pause(deadline);
        continue;
      }
      Optional<RefreshRow> passing =
          history.stream()
              .filter(RefreshRow::completed)
              .filter(r -> r.snapshotMicros().orElse(0L) >= quiescedAt)
              .findFirst();
      if (passing.isPresent()) {
        long snapshot = passing.get().snapshotMicros().orElseThrow();
        return s.succeeded(
                "refresh "
                    + passing.get().jobUuid()
                    + " COMPLETED on "
                    + target.site()
                    + " with snapshot "
                    + SnapshotTime.instant(snapshot)
                    + ", at or after the quiesce time "
                    + SnapshotTime.instant(quiescedAt),
                Map.of(StepSupport.SNAPSHOT, Long.toString(snapshot)))
            .withMarker(SnapshotTime.marker(snapshot))
            .withLoss(caughtUp(snapshot, quiescedAt));
      }
      if (deadline.passed()) {
        return undoQuiesce(
            context,
            target.site()
                + " did not complete a refresh with a snapshot at or after the quiesce time "
                + SnapshotTime.instant(quiescedAt)
                + " within "
                + wait.toSeconds()
                + " s ("
                + last
                + ")");
      }
      Optional<RefreshRow> running = history.stream().filter(RefreshRow::running).findFirst();
      if (running.isPresent()) {
        last = "refresh " + running.get().jobUuid() + " in " + running.get().phase();
        pause(deadline);
        continue;
      }
      if (submitted >= MAX_REFRESHES) {
        return undoQuiesce(
            context,
            target.site()
                + ": "
                + MAX_REFRESHES
                + " refreshes did not pass the gate ("
                + last
                + ")");
      }
      try {
        SqlApiClient.Submitted refresh =
            s.accounts
                .client(target)
                .submit(
                    Statements.refresh(group),
                    StepSupport.requestId(context, WAIT_FOR_CATCH_UP, "refresh-" + submitted),
                    Map.of(),
                    true,
                    deadline);
        submitted++;
        last = "refresh statement " + refresh.handle() + " submitted";
        if (refresh.result().isEmpty()) {
          s.accounts.client(target).await(refresh.handle(), deadline);
        }
      } catch (SqlApiException e) {
        submitted++;
        last = "REFRESH answered " + e.describe();
        if (e.kind() == SqlApiException.Kind.AUTH) {
          return undoQuiesce(context, "cannot refresh " + target.site() + ": " + e.describe());
        }
      }
    }
  }

  /** The switchover's promotion: the gate again, refreshes suspended, then PRIMARY. */
  StepResult promote(StepContext context, Duration timeout) throws ConnectorException {
    long quiescedAt = s.fact(context, StepSupport.QUIESCED_AT, QUIESCE_PRIMARY);
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    long snapshot;
    try {
      Optional<GroupRow> row = s.accounts.groupRow(target, deadline);
      if (row.isPresent() && !row.get().isPrimary()) {
        s.change(
            target,
            Statements.suspendImmediate(s.settings.failoverGroup()),
            context,
            PROMOTE_TARGET,
            "suspend",
            deadline);
      }
      Optional<Long> newest =
          s.accounts.history(target, deadline).stream()
              .filter(RefreshRow::completed)
              .findFirst()
              .flatMap(RefreshRow::snapshotMicros);
      if (newest.isEmpty() || newest.get() < quiescedAt) {
        return s.failed(
            "gate refused: "
                + target.site()
                + "'s newest COMPLETED snapshot "
                + newest.map(SnapshotTime::instant).map(Object::toString).orElse("(none)")
                + " is before the quiesce time "
                + SnapshotTime.instant(quiescedAt)
                + "; nothing was promoted");
      }
      snapshot = newest.get();
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("the gate could not be checked on " + target.site() + ": " + e.describe());
      }
      throw s.toException("checking the gate", target, e, false);
    }
    String[] refusal = new String[1];
    Optional<Promotion.Outcome> outcome = promotion.promote(context, deadline, refusal);
    if (outcome.isEmpty()) {
      return s.failed(refusal[0]);
    }
    return s.succeeded(
            target.site()
                + " promoted"
                + (outcome.get() == Promotion.Outcome.ALREADY_PROMOTED_BY_THIS_RUN
                    ? " (by this run's earlier attempt)"
                    : "")
                + "; it holds the snapshot "
                + SnapshotTime.instant(snapshot)
                + ", at or after the quiesce time "
                + SnapshotTime.instant(quiescedAt),
            Map.of(StepSupport.SNAPSHOT, Long.toString(snapshot)))
        .withMarker(SnapshotTime.marker(snapshot))
        .withLoss(caughtUp(snapshot, quiescedAt));
  }

  /** RESUME on the old primary (now a secondary), then release the quiesce there if configured. */
  StepResult rejoin(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account source = s.source(context);
    try {
      Optional<GroupRow> row = s.accounts.groupRow(source, deadline);
      if (row.isEmpty() || row.get().isPrimary()) {
        return s.failed(source.site() + " is not a secondary of the group: nothing resumed");
      }
      s.change(
          source,
          Statements.resume(s.settings.failoverGroup()),
          context,
          REJOIN_OLD_PRIMARY,
          "resume",
          deadline);
      if (s.settings.resumeWritesStatement().isPresent()) {
        s.change(
            source,
            s.settings.resumeWritesStatement().get(),
            context,
            REJOIN_OLD_PRIMARY,
            "resume-writes",
            deadline);
      }
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("resuming " + source.site() + " failed: " + e.describe());
      }
      throw s.toException("resuming the old primary", source, e, true);
    }
    return s.succeeded(
        source.site() + " is a secondary with its refresh schedule resumed", Map.of());
  }

  /** Failback: resume and refresh the old primary until a refresh started now COMPLETED. */
  StepResult resync(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    String group = s.settings.failoverGroup();
    try {
      long began = s.accounts.now(target, deadline);
      s.change(target, Statements.resume(group), context, RESYNC_TARGET, "resume", deadline);
      for (int attempt = 0; attempt < MAX_REFRESHES && !deadline.passed(); attempt++) {
        Optional<RefreshRow> done =
            s.accounts.history(target, deadline).stream()
                .filter(RefreshRow::completed)
                .filter(r -> r.startMicros() >= began)
                .findFirst();
        if (done.isPresent()) {
          return s.succeeded(
              target.site()
                  + " refreshed: job "
                  + done.get().jobUuid()
                  + " COMPLETED with snapshot "
                  + SnapshotTime.instant(done.get().snapshotMicros().orElseThrow()),
              Map.of());
        }
        try {
          SqlApiClient.Submitted refresh =
              s.accounts
                  .client(target)
                  .submit(
                      Statements.refresh(group),
                      StepSupport.requestId(context, RESYNC_TARGET, "refresh-" + attempt),
                      Map.of(),
                      true,
                      deadline);
          if (refresh.result().isEmpty()) {
            s.accounts.client(target).await(refresh.handle(), deadline);
          }
        } catch (SqlApiException e) {
          if (e.kind() != SqlApiException.Kind.FAILED) {
            throw e;
          }
          pause(deadline);
        }
      }
    } catch (SqlApiException e) {
      throw s.toException("refreshing the old primary", target, e, true);
    }
    return s.failed(
        target.site() + " did not complete a refresh within " + timeout.toSeconds() + " s");
  }

  /**
   * The target could not catch up: the quiesce is released on the source (if a resume-writes
   * statement is configured) so the primary is not left without writes, and the step fails.
   */
  private StepResult undoQuiesce(StepContext context, String why) {
    Account source = s.source(context);
    String undo;
    if (source.unquiesceAction().isPresent()) {
      try {
        HostActionRunner.Outcome outcome =
            s.hostAction(
                "unquiesce",
                source.unquiesceAction().get(),
                source,
                context,
                s.settings.statementTimeout());
        undo =
            outcome.succeeded()
                ? source.site() + "'s action.unquiesce ran; "
                : source.site() + "'s action.unquiesce exited " + outcome.exitCode() + "; ";
      } catch (ConnectorException e) {
        undo = source.site() + "'s action.unquiesce did not finish: " + e.getMessage() + "; ";
      }
      if (s.settings.resumeWritesStatement().isEmpty()) {
        return s.failed(why + "; nothing was promoted; " + undo);
      }
    } else {
      undo = "";
    }
    if (s.settings.resumeWritesStatement().isEmpty()) {
      undo =
          "no resumeWritesStatement is configured: release the quiesce on "
              + source.site()
              + " by hand";
    } else {
      try {
        s.change(
            source,
            s.settings.resumeWritesStatement().get(),
            context,
            WAIT_FOR_CATCH_UP,
            "undo-quiesce",
            Deadline.in(s.settings.statementTimeout()));
        undo =
            "the quiesce on "
                + source.site()
                + " was released; "
                + source.site()
                + " is still primary";
      } catch (SqlApiException e) {
        undo =
            "releasing the quiesce on "
                + source.site()
                + " failed ("
                + e.describe()
                + "): do it by hand";
      }
    }
    return s.failed(why + "; nothing was promoted; " + undo);
  }

  private static LossEvidence caughtUp(long snapshot, long quiescedAt) {
    return LossEvidence.caughtUp(
        SnapshotTime.marker(snapshot),
        SnapshotTime.marker(quiescedAt),
        "a COMPLETED refresh's primary snapshot is at or after the time writes were stopped;"
            + " metadata only");
  }

  private void pause(Deadline deadline) throws ConnectorException {
    Duration interval = s.settings.pollInterval();
    Deadline.sleep(interval.compareTo(deadline.remaining()) < 0 ? interval : deadline.remaining());
  }
}

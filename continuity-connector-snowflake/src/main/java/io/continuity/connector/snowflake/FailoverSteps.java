package io.continuity.connector.snowflake;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.snowflake.AccountObservation.GroupRow;
import io.continuity.connector.snowflake.AccountObservation.RefreshRow;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The forced failover (brief §3.5): stop the target's refreshes, record the snapshot it holds,
 * promote it. The evidence is metadata only: every change the primary committed at or before the
 * snapshot time T is on the target; changes after T may be lost, and the window's end is when the
 * primary stopped taking writes, which nobody here can know — so no upper bound is stated.
 */
final class FailoverSteps {

  private final StepSupport s;
  private final Promotion promotion;

  FailoverSteps(StepSupport support) {
    this.s = support;
    this.promotion = new Promotion(support);
  }

  /**
   * SUSPEND IMMEDIATE on the target, then the newest COMPLETED snapshot; the source if it answers.
   */
  StepResult capture(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    Account source = s.source(context);
    Map<String, String> facts = new HashMap<>();
    StringBuilder out = new StringBuilder();
    try {
      Optional<GroupRow> row = s.accounts.groupRow(target, deadline);
      if (row.isEmpty() || row.get().isPrimary()) {
        return s.failed(target.site() + " is not a secondary of the group: nothing captured");
      }
      s.change(
          target,
          Statements.suspendImmediate(s.settings.failoverGroup()),
          context,
          CAPTURE_MARKERS,
          "suspend",
          deadline);
      out.append(target.site()).append("'s refreshes suspended; ");
      Optional<Long> snapshot = newestSnapshot(target, deadline);
      if (snapshot.isPresent()) {
        facts.put(StepSupport.SNAPSHOT, Long.toString(snapshot.get()));
        out.append("it holds the primary's snapshot of ")
            .append(SnapshotTime.instant(snapshot.get()));
      } else {
        out.append("it has no COMPLETED refresh in the history window");
      }
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("capturing the markers on " + target.site() + " failed: " + e.describe());
      }
      throw s.toException("capturing the markers", target, e, true);
    }
    try {
      Deadline quick = Deadline.in(min(deadline.remaining(), s.settings.statementTimeout()));
      Optional<GroupRow> src = s.accounts.groupRow(source, quick);
      if (src.isPresent() && src.get().isPrimary()) {
        long now = s.accounts.now(source, quick);
        facts.put(StepSupport.SOURCE_SEEN, Long.toString(now));
        out.append("; ")
            .append(source.site())
            .append(" still answers as primary (its clock ")
            .append(SnapshotTime.instant(now))
            .append("): the promotion makes it a secondary");
      }
    } catch (SqlApiException e) {
      out.append("; ")
          .append(source.site())
          .append(" does not answer (")
          .append(e.kind())
          .append(")");
    }
    StepResult result = s.succeeded(out.toString(), facts);
    return facts.containsKey(StepSupport.SNAPSHOT)
        ? result.withMarker(SnapshotTime.marker(Long.parseLong(facts.get(StepSupport.SNAPSHOT))))
        : result;
  }

  /** PRIMARY on the target, with the potential-loss evidence. */
  StepResult promote(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    Optional<Long> snapshot;
    try {
      snapshot = newestSnapshot(target, deadline);
    } catch (SqlApiException e) {
      throw s.toException("reading the snapshot before the promotion", target, e, false);
    }
    if (snapshot.isEmpty()) {
      snapshot = context.fact(StepSupport.SNAPSHOT).map(Long::parseLong);
    }
    String[] refusal = new String[1];
    Optional<Promotion.Outcome> outcome = promotion.promote(context, deadline, refusal);
    if (outcome.isEmpty()) {
      return s.failed(refusal[0]);
    }
    LossEvidence loss = evidence(snapshot, context);
    StepResult result =
        s.succeeded(
            target.site()
                + " promoted"
                + (outcome.get() == Promotion.Outcome.ALREADY_PROMOTED_BY_THIS_RUN
                    ? " (by this run's earlier attempt)"
                    : "")
                + ". "
                + loss.statement(),
            snapshot.map(v -> Map.of(StepSupport.SNAPSHOT, Long.toString(v))).orElse(Map.of()));
    return (snapshot.isPresent() ? result.withMarker(SnapshotTime.marker(snapshot.get())) : result)
        .withLoss(loss);
  }

  /**
   * Potential loss from the snapshot time T: the target holds every change committed at or before
   * T; the last primary position seen (the monitored one from the store, or the source's clock if
   * it answered during the failover) says the primary was alive at least until then. Not {@link
   * LossEvidence#lowerBound}: its "writes from X to Y are lost" holds for log positions, but a
   * primary's clock advances without writes. With no primary position at all the verdict is
   * MARKER_UNAVAILABLE, what the target reached still stated.
   */
  LossEvidence evidence(Optional<Long> snapshot, StepContext context) {
    if (snapshot.isEmpty()) {
      return LossEvidence.unavailable(
          "the target has no COMPLETED refresh in its history window, so no snapshot time bounds"
              + " what it holds");
    }
    long t = snapshot.get();
    Optional<ReplicationMarker> lastPrimary = Optional.empty();
    Optional<Instant> lastSeenAt = Optional.empty();
    Optional<ObservedMarker> monitored = context.lastPrimaryMarker();
    if (monitored.isPresent() && SnapshotTime.micros(monitored.get().marker()).isPresent()) {
      lastPrimary = Optional.of(monitored.get().marker());
      lastSeenAt = Optional.of(monitored.get().observedAt());
    }
    Optional<Long> seenNow = context.fact(StepSupport.SOURCE_SEEN).map(Long::parseLong);
    if (seenNow.isPresent()
        && (lastPrimary.isEmpty()
            || SnapshotTime.micros(lastPrimary.get()).orElse(0L) < seenNow.get())) {
      lastPrimary = Optional.of(SnapshotTime.marker(seenNow.get()));
      lastSeenAt = Optional.of(SnapshotTime.instant(seenNow.get()));
    }
    if (lastPrimary.isEmpty()) {
      return LossEvidence.unavailable(
          SnapshotTime.marker(t),
          Optional.empty(),
          Optional.of(SnapshotTime.instant(t)),
          "no position of the primary was observed (metadata only: the target holds the primary's"
              + " snapshot of "
              + SnapshotTime.instant(t)
              + ")");
    }
    long seen = SnapshotTime.micros(lastPrimary.get()).orElse(t);
    StringBuilder statement = new StringBuilder();
    statement
        .append("Metadata only: the target holds the primary's snapshot of ")
        .append(SnapshotTime.instant(t))
        .append(" (every change committed on the primary at or before it); changes committed")
        .append(" after it may be lost. The window ends when the primary stopped taking writes,")
        .append(" which is not known; the primary was last seen alive with its clock at ")
        .append(SnapshotTime.instant(seen));
    if (seen > t) {
      // a span of time, not of writes: the primary's clock advances whether or not it commits
      statement
          .append(", so the window spans at least ")
          .append(Duration.ofNanos((seen - t) * 1_000L).toMillis())
          .append(" ms");
    }
    statement.append('.');
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(SnapshotTime.marker(t)),
        lastPrimary,
        lastSeenAt,
        Optional.empty(),
        Optional.of(SnapshotTime.instant(t)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        statement.toString());
  }

  private Optional<Long> newestSnapshot(Account target, Deadline deadline) throws SqlApiException {
    return s.accounts.history(target, deadline).stream()
        .filter(RefreshRow::completed)
        .findFirst()
        .flatMap(RefreshRow::snapshotMicros);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}

package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.snowflake.AccountObservation.RefreshRow;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.StandardStepIds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The steps that only look: prechecks, the roles postcheck and the drill's read. */
final class CheckSteps {

  private final StepSupport s;

  CheckSteps(StepSupport support) {
    this.s = support;
  }

  /** Source primary, target secondary with a COMPLETED refresh and no failure since. */
  StepResult precheckReplication(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account source = s.source(context);
    Account target = s.target(context);
    AccountObservation src = observe(source, deadline);
    AccountObservation tgt = observe(target, deadline);
    if (!src.isPrimary()) {
      return s.failed(
          source.site()
              + " does not hold "
              + s.settings.failoverGroup()
              + " as primary: "
              + role(src));
    }
    Optional<String> problem = secondaryProblem(tgt);
    if (problem.isPresent()) {
      return s.failed(problem.get());
    }
    RefreshRow completed = tgt.newestCompleted().orElseThrow();
    return s.succeeded(
        source.site()
            + " is primary; "
            + target.site()
            + " is its secondary, newest COMPLETED refresh "
            + completed.jobUuid()
            + " with snapshot "
            + SnapshotTime.instant(completed.snapshotMicros().orElseThrow()),
        Map.of());
  }

  /** Failover: the target answers and holds the group as a secondary; the source may be down. */
  StepResult precheckTarget(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    AccountObservation tgt = observe(target, deadline);
    if (tgt.group().isEmpty()) {
      return s.failed(target.site() + " does not hold " + s.settings.failoverGroup());
    }
    if (tgt.isPrimary()) {
      return s.failed(
          target.site() + " already holds " + s.settings.failoverGroup() + " as primary");
    }
    String snapshot =
        tgt.newestCompleted()
            .flatMap(RefreshRow::snapshotMicros)
            .map(us -> "newest COMPLETED snapshot " + SnapshotTime.instant(us))
            .orElse("no COMPLETED refresh in the history window: the loss cannot be bounded");
    return s.succeeded(target.site() + " is a secondary; " + snapshot, Map.of());
  }

  /** Failback: the configured primary is a secondary now, the other site is primary. */
  StepResult precheckFailback(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account source = s.source(context);
    Account target = s.target(context);
    AccountObservation src = observe(source, deadline);
    AccountObservation tgt = observe(target, deadline);
    if (!src.isPrimary()) {
      return s.failed(source.site() + " is not the primary of " + s.settings.failoverGroup());
    }
    if (!tgt.isSecondary()) {
      return s.failed(
          target.site()
              + " does not hold "
              + s.settings.failoverGroup()
              + " as a secondary: "
              + role(tgt));
    }
    return s.succeeded(
        source.site() + " is primary; " + target.site() + " is its secondary", Map.of());
  }

  /** The expected site holds the group as primary; the other one, if it answers, does not. */
  StepResult postcheckRoles(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    boolean drill = context.plan().type() == io.continuity.connector.api.OperationType.DRILL;
    Account primary = drill ? s.source(context) : s.target(context);
    Account other = drill ? s.target(context) : s.source(context);
    AccountObservation p = observe(primary, deadline);
    if (!p.isPrimary()) {
      return s.failed(primary.site() + " does not hold the group as primary: " + role(p));
    }
    String otherState;
    try {
      Optional<AccountObservation.GroupRow> row = s.accounts.groupRow(other, deadline);
      if (row.isPresent() && row.get().isPrimary()) {
        return s.failed(
            "both " + primary.site() + " and " + other.site() + " hold the group as primary");
      }
      otherState = other.site() + " is " + (row.isPresent() ? "a secondary" : "without the group");
    } catch (SqlApiException e) {
      otherState = other.site() + " did not answer (" + e.kind() + "): its role is unchecked";
    }
    return s.succeeded(primary.site() + " is primary; " + otherState, Map.of());
  }

  /** Drill: a read-only query on the secondary's replicated database, and the snapshot's age. */
  StepResult validateReads(StepContext context, Duration timeout) throws ConnectorException {
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    String query = s.settings.drillQuery().orElse(Statements.showSchemas(s.settings.database()));
    try {
      AccountObservation tgt = s.accounts.observe(target, deadline);
      if (!tgt.isSecondary()) {
        return s.failed(target.site() + " is not a secondary: the drill reads only secondaries");
      }
      StatementResult rows =
          s.accounts
              .client(target)
              .query(query, Map.of("database", s.settings.database()), deadline);
      String age =
          tgt.newestCompleted()
              .flatMap(RefreshRow::snapshotMicros)
              .map(us -> (tgt.nowMicros() - us) / 1_000_000L + " s")
              .orElse("unknown (no COMPLETED refresh)");
      return s.succeeded(
          "read "
              + rows.rows().size()
              + " row(s) on "
              + target.site()
              + "; its newest COMPLETED snapshot is "
              + age
              + " old",
          Map.of());
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("the drill read failed on " + target.site() + ": " + e.describe());
      }
      throw s.toException(StandardStepIds.VALIDATE_STANDBY_READS, target, e, false);
    }
  }

  private AccountObservation observe(Account account, Deadline deadline) throws ConnectorException {
    try {
      return s.accounts.observe(account, deadline);
    } catch (SqlApiException e) {
      throw s.toException("looking at the failover group", account, e, false);
    }
  }

  private Optional<String> secondaryProblem(AccountObservation tgt) {
    String site = tgt.account().site();
    if (!tgt.isSecondary()) {
      return Optional.of(
          site + " does not hold " + s.settings.failoverGroup() + " as a secondary: " + role(tgt));
    }
    if (tgt.newestCompleted().isEmpty()) {
      return Optional.of(site + " has no COMPLETED refresh in the history window");
    }
    Optional<RefreshRow> newestFinished =
        tgt.refreshes().stream().filter(r -> !r.running()).findFirst();
    if (newestFinished.isPresent() && newestFinished.get().failed()) {
      RefreshRow r = newestFinished.get();
      return Optional.of(
          site
              + "'s newest refresh "
              + r.jobUuid()
              + " is "
              + r.phase()
              + r.error().map(e -> ": " + e).orElse("")
              + "; fix replication first");
    }
    return Optional.empty();
  }

  private static String role(AccountObservation o) {
    return o.group().isEmpty() ? "the group is missing" : o.isPrimary() ? "primary" : "secondary";
  }
}

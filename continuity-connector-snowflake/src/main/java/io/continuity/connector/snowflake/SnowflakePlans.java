package io.continuity.connector.snowflake;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;
import static io.continuity.connector.support.StandardStepIds.POSTCHECK_ROLES;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_FAILBACK;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_REPLICATION;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_TARGET;
import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.QUIESCE_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.REJOIN_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.VALIDATE_STANDBY_READS;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The step lists of the four operations (brief §3.4, §3.5). Every step that changes something sends
 * its statements under request ids derived from the execution and the step, so a step run again
 * after a crash is answered with the first execution instead of running twice. The promotion is the
 * one step declared not idempotent ({@code ALTER FAILOVER GROUP … PRIMARY} cannot be undone by
 * running it again); it re-checks its own gate, and run again it accepts only its own earlier
 * promotion (the same request id replayed).
 */
final class SnowflakePlans {

  private final SnowflakeSettings settings;

  SnowflakePlans(SnowflakeSettings settings) {
    this.settings = settings;
  }

  OperationPlan plan(OperationType type, String target) {
    String source = settings.otherThan(target).site();
    String group = settings.failoverGroup();
    Duration checks = settings.statementTimeout().multipliedBy(4);
    List<PlanStep> steps = new ArrayList<>();
    switch (type) {
      case SWITCHOVER -> {
        steps.add(precheckReplication(source, target, checks));
        addSwitchover(steps, source, target, checks);
      }
      case FAILBACK -> {
        steps.add(
            new PlanStep(
                PRECHECK_FAILBACK,
                "Check the failback",
                StepKind.PRECHECK,
                target
                    + " (the configured primary) must answer and hold "
                    + group
                    + " as a secondary; "
                    + source
                    + " must answer as its primary.",
                checks,
                true));
        steps.add(
            new PlanStep(
                RESYNC_TARGET,
                "Refresh the old primary",
                StepKind.ACTION,
                "On "
                    + target
                    + ": ALTER FAILOVER GROUP "
                    + group
                    + " RESUME, then REFRESH until a refresh COMPLETED (changes it held that were"
                    + " never replicated are replaced by "
                    + source
                    + "'s snapshot). Statements carry request ids: safe to run again.",
                settings.catchUpTimeout(),
                true));
        addSwitchover(steps, source, target, checks);
      }
      case FAILOVER -> {
        steps.add(
            new PlanStep(
                PRECHECK_TARGET,
                "Check the target",
                StepKind.PRECHECK,
                target
                    + " must answer and hold "
                    + group
                    + " as a secondary with a COMPLETED refresh; "
                    + source
                    + " may be down.",
                checks,
                true));
        steps.add(
            new PlanStep(
                CAPTURE_MARKERS,
                "Stop refreshes and capture the snapshot",
                StepKind.ACTION,
                "On "
                    + target
                    + ": ALTER FAILOVER GROUP "
                    + group
                    + " SUSPEND IMMEDIATE (no refresh in flight during the promotion), then record"
                    + " the PRIMARY_SNAPSHOT_TIMESTAMP of the newest COMPLETED refresh: every change"
                    + " the primary committed at or before it is on the target. Safe to run again.",
                checks.plus(settings.promoteTimeout()),
                true));
        steps.add(
            promote(
                target,
                "Promote "
                    + target
                    + ": ALTER FAILOVER GROUP "
                    + group
                    + " PRIMARY. Changes committed on the primary after the captured snapshot may be"
                    + " lost (metadata only; the evidence states the window). Snowflake makes the"
                    + " former primary a secondary. Not idempotent: run again, it accepts only its"
                    + " own earlier promotion."));
        addRedirect(steps, target, checks);
        steps.add(postcheckRoles(target, source, checks));
      }
      case DRILL -> {
        steps.add(precheckReplication(source, target, checks));
        steps.add(
            new PlanStep(
                VALIDATE_STANDBY_READS,
                "Read on the secondary",
                StepKind.ACTION,
                "Run "
                    + settings.drillQuery().orElse(Statements.showSchemas(settings.database()))
                    + " on "
                    + target
                    + "'s replicated database (read-only) and report how old its newest COMPLETED"
                    + " snapshot is. Roles never change. No zero-copy clone is made: the"
                    + " documentation does not confirm that a replica database can be a clone"
                    + " source.",
                checks,
                true));
        steps.add(postcheckRoles(source, target, checks));
      }
      default -> throw new IllegalArgumentException("no plan for " + type);
    }
    return new OperationPlan(type, target, steps);
  }

  private void addSwitchover(List<PlanStep> steps, String source, String target, Duration checks) {
    String group = settings.failoverGroup();
    steps.add(
        new PlanStep(
            QUIESCE_PRIMARY,
            "Quiesce the primary",
            StepKind.ACTION,
            "Stop writes on "
                + source
                + " with "
                + quiesceMeans(source)
                + " (Snowflake has no general read-only switch: that is what quiescing means for"
                + " this resource), then record "
                + source
                + "'s CURRENT_TIMESTAMP as the quiesce time. Safe to run again.",
            checks,
            true));
    steps.add(
        new PlanStep(
            WAIT_FOR_CATCH_UP,
            "Final refresh and catch-up gate",
            StepKind.ACTION,
            "On "
                + target
                + ": ALTER FAILOVER GROUP "
                + group
                + " REFRESH and wait until a refresh COMPLETED whose PRIMARY_SNAPSHOT_TIMESTAMP is at"
                + " or after the quiesce time: the proof nothing written before the quiesce is"
                + " missing. If the deadline passes, the quiesce is released and nothing is"
                + " promoted. Safe to run again.",
            settings.catchUpTimeout().plus(settings.statementTimeout().multipliedBy(2)),
            true));
    steps.add(
        promote(
            target,
            "Suspend "
                + target
                + "'s refreshes, re-check that its newest COMPLETED snapshot is at or after the"
                + " quiesce time, then ALTER FAILOVER GROUP "
                + group
                + " PRIMARY on "
                + target
                + ". Snowflake makes "
                + source
                + " a secondary. Not idempotent: run again, it accepts only its own earlier"
                + " promotion."));
    addRedirect(steps, target, checks);
    steps.add(
        new PlanStep(
            REJOIN_OLD_PRIMARY,
            "Resume refreshes on the old primary",
            StepKind.ACTION,
            "On "
                + source
                + " (now a secondary): ALTER FAILOVER GROUP "
                + group
                + " RESUME (a promotion suspends every secondary's schedule)"
                + (settings.resumeWritesStatement().isPresent()
                    ? ", then run the configured resume-writes statement to release the quiesce"
                    : "")
                + ". Safe to run again.",
            checks,
            true));
    steps.add(postcheckRoles(target, source, checks));
  }

  private String quiesceMeans(String source) {
    boolean action = settings.account(source).quiesceAction().isPresent();
    boolean statement = settings.quiesceStatement().isPresent();
    if (action && statement) {
      return "its action.quiesce host action and the quiesce statement";
    }
    return action ? "its action.quiesce host action" : "the quiesce statement";
  }

  /** Client Redirect, when a connection is configured: right after the promotion. */
  private void addRedirect(List<PlanStep> steps, String target, Duration checks) {
    settings
        .connection()
        .ifPresent(
            connection ->
                steps.add(
                    new PlanStep(
                        RedirectStep.ID,
                        "Redirect clients",
                        StepKind.ACTION,
                        "ALTER CONNECTION "
                            + connection
                            + " PRIMARY on "
                            + target
                            + " so clients using the connection URL reach the new primary;"
                            + " skipped when SHOW CONNECTIONS already shows it there. Safe to run"
                            + " again.",
                        checks,
                        true)));
  }

  private PlanStep precheckReplication(String source, String target, Duration checks) {
    return new PlanStep(
        PRECHECK_REPLICATION,
        "Check replication",
        StepKind.PRECHECK,
        source
            + " must answer as primary of "
            + settings.failoverGroup()
            + "; "
            + target
            + " must answer as its secondary, with a COMPLETED refresh and no failed refresh"
            + " since.",
        checks,
        true);
  }

  private PlanStep promote(String target, String description) {
    return new PlanStep(
        PROMOTE_TARGET,
        "Promote " + target,
        StepKind.ACTION,
        description,
        settings.promoteTimeout().plus(settings.statementTimeout().multipliedBy(4)),
        false);
  }

  private static PlanStep postcheckRoles(String primary, String secondary, Duration checks) {
    return new PlanStep(
        POSTCHECK_ROLES,
        "Check roles",
        StepKind.POSTCHECK,
        primary
            + " must hold the group as primary; "
            + secondary
            + ", if it answers, as a secondary.",
        checks,
        true);
  }
}

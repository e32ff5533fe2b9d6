package io.continuity.connector.postgresql;

import static io.continuity.connector.postgresql.StepIds.*;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The step lists of the four operations. Idempotency is declared honestly: checks, waits, the
 * quiesce, fencing, rewinding and rejoining can run again after an interruption with the same
 * effect, and so can the promotion, because it detects its own earlier effect: run again, it
 * accepts a target this run already promoted (out of recovery on a newer timeline, past the final
 * LSN where the switch point can be read) and re-checks its gate otherwise, and it refuses a target
 * that something else made primary. A crash anywhere therefore resumes the run to its end instead
 * of leaving the pair without a primary (issue 18).
 */
final class PostgresPlans {

  private final PostgresSettings settings;

  PostgresPlans(PostgresSettings settings) {
    this.settings = settings;
  }

  OperationPlan plan(OperationType type, String target) {
    String source = settings.otherThan(target).name();
    List<PlanStep> steps = new ArrayList<>();
    switch (type) {
      case SWITCHOVER -> {
        steps.add(precheckReplication(source, target));
        addSwitchover(steps, source, target);
      }
      case FAILBACK -> {
        steps.add(
            step(
                PRECHECK_FAILBACK,
                "Check the failback",
                StepKind.PRECHECK,
                target
                    + " (the configured primary) must answer and not be primary; "
                    + source
                    + " must be the primary.",
                settings.statementTimeout().multipliedBy(3),
                true));
        steps.add(
            step(
                RESYNC_TARGET,
                "Resynchronise the target",
                StepKind.ACTION,
                "Run "
                    + target
                    + "'s rewind (else rejoin) host action: pg_rewind onto "
                    + source
                    + "'s timeline, restart as its standby; wait until it streams.",
                settings.actionTimeout().plus(settings.catchUpTimeout()),
                true));
        addSwitchover(steps, source, target);
      }
      case FAILOVER -> {
        steps.add(
            step(
                PRECHECK_TARGET,
                "Check the target",
                StepKind.PRECHECK,
                target + " must answer and be a standby; " + source + " may be down.",
                settings.statementTimeout().multipliedBy(3),
                true));
        steps.add(
            step(
                FENCE_OLD_PRIMARY,
                "Fence the old primary",
                StepKind.ACTION,
                "Record "
                    + source
                    + "'s LSN if it answers, then run its fence host action so it"
                    + " can never take writes again.",
                settings.actionTimeout(),
                true));
        steps.add(
            step(
                CAPTURE_MARKERS,
                "Capture replication markers",
                StepKind.ACTION,
                "Let "
                    + target
                    + " apply what it received, then record its receive/replay LSNs"
                    + " against the last primary LSN ever observed: the data-loss evidence.",
                settings.catchUpTimeout(),
                true));
        steps.add(promote(target, "the old primary is fenced or not writable"));
        steps.add(verifyWrites(target));
        steps.add(postcheckRoles(target, source));
      }
      case DRILL -> {
        steps.add(precheckReplication(source, target));
        steps.add(
            step(
                VALIDATE_STANDBY_READS,
                "Validate reads on the standby",
                StepKind.ACTION,
                "Run the drill query read-only on " + target + " and record the rows it returns.",
                settings.statementTimeout().multipliedBy(2),
                true));
        steps.add(
            step(
                OBSERVE_REPLAY,
                "Observe replay progress",
                StepKind.ACTION,
                "Watch "
                    + target
                    + " replay over "
                    + settings.drillWindow()
                    + ": it must advance or be caught up with "
                    + source
                    + ".",
                settings.drillWindow().plus(settings.statementTimeout().multipliedBy(2)),
                true));
        if (settings.site(target).hasAction("clone")) {
          addCloneDrill(steps, target);
        }
        steps.add(postcheckRoles(source, target));
      }
      default -> throw new IllegalArgumentException("no plan for " + type);
    }
    return new OperationPlan(type, target, steps);
  }

  private void addSwitchover(List<PlanStep> steps, String source, String target) {
    boolean stopAction = settings.site(source).hasAction("stop");
    steps.add(
        step(
            QUIESCE_PRIMARY,
            "Quiesce the primary",
            StepKind.ACTION,
            stopAction
                ? "Run "
                    + source
                    + "'s stop host action (fast shutdown) and take the final LSN"
                    + " from the shutdown checkpoint it prints."
                : "Make "
                    + source
                    + " read-only (ALTER SYSTEM default_transaction_read_only,"
                    + " reload, terminate client sessions) and record its final LSN.",
            settings.actionTimeout(),
            true));
    steps.add(
        step(
            WAIT_FOR_CATCH_UP,
            "Wait for catch-up",
            StepKind.ACTION,
            "Wait until " + target + " has replayed the old primary's final LSN.",
            settings.catchUpTimeout(),
            true));
    steps.add(promote(target, "it has replayed the old primary's final LSN"));
    steps.add(verifyWrites(target));
    if (settings.site(source).hasAction("rejoin")) {
      steps.add(
          step(
              REJOIN_OLD_PRIMARY,
              "Rejoin the old primary",
              StepKind.ACTION,
              "Run "
                  + source
                  + "'s rejoin host action to attach it as a standby of "
                  + target
                  + "; wait until it streams.",
              settings.actionTimeout().plus(settings.catchUpTimeout()),
              true));
    }
    steps.add(postcheckRoles(target, source));
  }

  /**
   * The isolated-clone part of a drill: production roles never change, the clone is thrown away.
   */
  private void addCloneDrill(List<PlanStep> steps, String target) {
    steps.add(
        step(
            CREATE_CLONE,
            "Create an isolated clone",
            StepKind.ACTION,
            "Run "
                + target
                + "'s clone host action: a copy of the standby on its own endpoint, with no"
                + " replication link to the pair. Running it again replaces the clone.",
            settings.actionTimeout(),
            true));
    steps.add(
        step(
            VALIDATE_CLONE,
            "Promote and validate the clone",
            StepKind.ACTION,
            "Promote the clone (never a production site), run the drill query and commit a write"
                + " on it; on failure the clone is discarded.",
            settings
                .promoteTimeout()
                .plus(settings.statementTimeout().multipliedBy(3))
                .plus(settings.actionTimeout()),
            true));
    steps.add(
        step(
            DISCARD_CLONE,
            "Discard the clone",
            StepKind.ACTION,
            "Run "
                + target
                + "'s discard-clone host action and check the clone's endpoint is closed."
                + " Safe to run again.",
            settings.actionTimeout(),
            true));
  }

  private PlanStep precheckReplication(String source, String target) {
    return step(
        PRECHECK_REPLICATION,
        "Check replication",
        StepKind.PRECHECK,
        source
            + " must be primary and "
            + target
            + " a streaming standby on its timeline,"
            + " replay not paused, lag at most "
            + settings.maxSwitchoverLagBytes()
            + " bytes.",
        settings.statementTimeout().multipliedBy(3),
        true);
  }

  private PlanStep promote(String target, String condition) {
    return step(
        PROMOTE_TARGET,
        "Promote the target",
        StepKind.ACTION,
        "pg_promote() on "
            + target
            + ", only if "
            + condition
            + ". Safe to run again: a target this run already promoted (newer timeline) is"
            + " accepted as done; one promoted by anything else is refused.",
        settings.promoteTimeout().plus(settings.statementTimeout()),
        true);
  }

  /**
   * The roll-forward of a switchover or failback that quiesced the source and failed before its
   * promotion: a precheck of the quiesced state instead of the running primary's, then the
   * switchover's own steps (the quiesce again, idempotent, for the final LSN; the catch-up; the
   * promote, refused unless replayed; the rejoin and postchecks).
   */
  OperationPlan continuation(OperationType type, String target) {
    String source = settings.otherThan(target).name();
    List<PlanStep> steps = new ArrayList<>();
    steps.add(
        step(
            PRECHECK_CONTINUATION,
            "Check the quiesced state",
            StepKind.PRECHECK,
            source
                + " must take no writes (stopped, or read-only by default, as the failed run"
                + " left it) and "
                + target
                + " must be its standby, in recovery.",
            settings.statementTimeout().multipliedBy(3),
            true));
    addSwitchover(steps, source, target);
    return new OperationPlan(type, target, steps);
  }

  /**
   * The recovery of a switchover that quiesced {@code site}'s primary and failed before promoting:
   * put it back to taking writes, verify a write, check the roles. Every step idempotent.
   */
  OperationPlan resumePrimary(String site, String other) {
    return new OperationPlan(
        OperationType.SWITCHOVER,
        site,
        List.of(
            step(
                ResumePrimary.STEP_ID,
                "Put the old primary back",
                StepKind.ACTION,
                "Refused while "
                    + other
                    + " is a primary. Otherwise "
                    + site
                    + " is made writable again: its read-only default reset, or started with its"
                    + " start host action. Safe to run again.",
                settings.actionTimeout().plus(settings.statementTimeout().multipliedBy(3)),
                true),
            verifyWrites(site),
            postcheckRoles(site, other)));
  }

  private PlanStep verifyWrites(String target) {
    return step(
        VERIFY_WRITES,
        "Verify writes",
        StepKind.POSTCHECK,
        target + " must be out of recovery, not read-only by default, and commit a write.",
        settings.statementTimeout().multipliedBy(3),
        true);
  }

  private PlanStep postcheckRoles(String primary, String other) {
    return step(
        POSTCHECK_ROLES,
        "Check roles",
        StepKind.POSTCHECK,
        primary + " must be the only primary; " + other + " must not accept writes.",
        settings.statementTimeout().multipliedBy(3),
        true);
  }

  private static PlanStep step(
      String id, String name, StepKind kind, String description, Duration timeout, boolean idem) {
    return new PlanStep(id, name, kind, description, timeout, idem);
  }
}

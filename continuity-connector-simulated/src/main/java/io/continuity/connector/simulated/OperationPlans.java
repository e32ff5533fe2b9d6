package io.continuity.connector.simulated;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.support.StandardStepIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The step lists of the four operations, modelled on a PostgreSQL streaming-replication runbook.
 * Idempotency is declared honestly: checks, waits, fencing and re-attaching can run again; a
 * promotion cannot (running it twice after an interruption could promote the wrong side).
 */
final class OperationPlans {

  /** Step ids, shared by the plans and the step simulator. */
  static final String PRECHECK_REPLICATION = StandardStepIds.PRECHECK_REPLICATION;

  static final String PRECHECK_TARGET = StandardStepIds.PRECHECK_TARGET;
  static final String QUIESCE_PRIMARY = StandardStepIds.QUIESCE_PRIMARY;
  static final String FENCE_OLD_PRIMARY = StandardStepIds.FENCE_OLD_PRIMARY;
  static final String CAPTURE_MARKERS = StandardStepIds.CAPTURE_MARKERS;
  static final String RESYNC_TARGET = StandardStepIds.RESYNC_TARGET;
  static final String WAIT_FOR_CATCH_UP = StandardStepIds.WAIT_FOR_CATCH_UP;
  static final String PROMOTE_TARGET = StandardStepIds.PROMOTE_TARGET;
  static final String VERIFY_WRITES = StandardStepIds.VERIFY_WRITES;
  static final String REJOIN_OLD_PRIMARY = StandardStepIds.REJOIN_OLD_PRIMARY;
  static final String POSTCHECK_ROLES = StandardStepIds.POSTCHECK_ROLES;
  static final String RESUME_PRIMARY = "resume-primary";
  static final String CREATE_DRILL_CLONE = "create-drill-clone";
  static final String PROMOTE_DRILL_CLONE = "promote-drill-clone";
  static final String VERIFY_DRILL_WRITES = "verify-drill-writes";
  static final String DISCARD_DRILL_CLONE = "discard-drill-clone";

  /** Every step id of the simulated plans, for the connector's step router. */
  static final java.util.List<String> STEP_IDS =
      java.util.List.of(
          PRECHECK_REPLICATION,
          PRECHECK_TARGET,
          QUIESCE_PRIMARY,
          FENCE_OLD_PRIMARY,
          CAPTURE_MARKERS,
          RESYNC_TARGET,
          WAIT_FOR_CATCH_UP,
          PROMOTE_TARGET,
          VERIFY_WRITES,
          REJOIN_OLD_PRIMARY,
          POSTCHECK_ROLES,
          RESUME_PRIMARY,
          CREATE_DRILL_CLONE,
          PROMOTE_DRILL_CLONE,
          VERIFY_DRILL_WRITES,
          DISCARD_DRILL_CLONE);

  private OperationPlans() {}

  /** The plan of {@code type} towards {@code target}, the current primary being {@code source}. */
  static OperationPlan plan(OperationType type, String target, String source) {
    List<PlanStep> steps = new ArrayList<>();
    switch (type) {
      case SWITCHOVER -> {
        steps.add(precheckReplication(target, source));
        steps.add(quiesce(source));
        steps.add(waitForCatchUp(target));
        steps.add(promote(target));
        steps.add(verifyWrites(target));
        steps.add(rejoin(source, target));
        steps.add(postcheckRoles(target, source));
      }
      case FAILOVER -> {
        steps.add(
            step(
                PRECHECK_TARGET,
                "Check the target",
                StepKind.PRECHECK,
                "Check that " + target + " answers and is a standby; " + source + " may be down.",
                30,
                true));
        steps.add(
            step(
                FENCE_OLD_PRIMARY,
                "Fence the old primary",
                StepKind.ACTION,
                "Make " + source + " refuse writes (or isolate it) so two primaries never exist.",
                60,
                true));
        steps.add(
            step(
                CAPTURE_MARKERS,
                "Capture replication markers",
                StepKind.ACTION,
                "Record how far " + target + " has applied: the evidence of any data loss.",
                30,
                true));
        steps.add(promote(target));
        steps.add(verifyWrites(target));
        steps.add(postcheckRoles(target, source));
      }
      case FAILBACK -> {
        steps.add(precheckReplication(target, source));
        steps.add(
            step(
                RESYNC_TARGET,
                "Resynchronise the target",
                StepKind.ACTION,
                "Rewind " + target + " onto " + source + "'s timeline and attach it as a standby.",
                600,
                true));
        steps.add(quiesce(source));
        steps.add(waitForCatchUp(target));
        steps.add(promote(target));
        steps.add(verifyWrites(target));
        steps.add(rejoin(source, target));
        steps.add(postcheckRoles(target, source));
      }
      case DRILL -> {
        steps.add(precheckReplication(target, source));
        steps.add(
            step(
                CREATE_DRILL_CLONE,
                "Create a drill clone",
                StepKind.ACTION,
                "Clone " + target + " to an isolated copy; production roles do not change.",
                300,
                true));
        steps.add(
            step(
                PROMOTE_DRILL_CLONE,
                "Promote the drill clone",
                StepKind.ACTION,
                "Promote the isolated clone of " + target + " to accept writes.",
                60,
                false));
        steps.add(
            step(
                VERIFY_DRILL_WRITES,
                "Verify writes on the clone",
                StepKind.POSTCHECK,
                "Write and read back a row on the drill clone.",
                30,
                true));
        steps.add(
            step(
                DISCARD_DRILL_CLONE,
                "Discard the drill clone",
                StepKind.ACTION,
                "Remove the drill clone; nothing of it reaches production.",
                120,
                true));
        steps.add(postcheckRoles(source, target));
      }
      default -> throw new IllegalArgumentException("no plan for " + type);
    }
    return new OperationPlan(type, target, steps);
  }

  /**
   * The recovery plan that lets {@code site}, still the primary, take writes again after a run
   * stopped them and failed before the promotion: start it, verify a write, check the roles. Every
   * step may run again (starting a primary that takes writes changes nothing).
   */
  static OperationPlan resume(String site, String standby) {
    List<PlanStep> steps = new ArrayList<>();
    steps.add(
        step(
            RESUME_PRIMARY,
            "Start the old primary again",
            StepKind.ACTION,
            "Let "
                + site
                + " take writes again (it stays primary; "
                + standby
                + " stays its standby).",
            60,
            true));
    steps.add(verifyWrites(site));
    steps.add(postcheckRoles(site, standby));
    return new OperationPlan(OperationType.SWITCHOVER, site, steps);
  }

  private static PlanStep precheckReplication(String target, String source) {
    return step(
        PRECHECK_REPLICATION,
        "Check replication",
        StepKind.PRECHECK,
        "Check that both sites answer, "
            + source
            + " is primary and "
            + target
            + " is a streaming standby.",
        30,
        true);
  }

  private static PlanStep quiesce(String source) {
    return step(
        QUIESCE_PRIMARY,
        "Quiesce the primary",
        StepKind.ACTION,
        "Stop writes on " + source + " and record its final replication marker.",
        60,
        true);
  }

  private static PlanStep waitForCatchUp(String target) {
    return step(
        WAIT_FOR_CATCH_UP,
        "Wait for catch-up",
        StepKind.ACTION,
        "Wait until " + target + " has replayed up to the old primary's final marker.",
        120,
        true);
  }

  private static PlanStep promote(String target) {
    return step(
        PROMOTE_TARGET,
        "Promote the target",
        StepKind.ACTION,
        "Promote " + target + " to primary. Not idempotent: never re-run after an interruption.",
        60,
        false);
  }

  private static PlanStep verifyWrites(String target) {
    return step(
        VERIFY_WRITES,
        "Verify writes",
        StepKind.POSTCHECK,
        "Write and read back a row on " + target + ".",
        30,
        true);
  }

  private static PlanStep rejoin(String oldPrimary, String newPrimary) {
    return step(
        REJOIN_OLD_PRIMARY,
        "Rejoin the old primary",
        StepKind.ACTION,
        "Attach " + oldPrimary + " as a standby of " + newPrimary + ".",
        120,
        true);
  }

  private static PlanStep postcheckRoles(String expectedPrimary, String expectedStandby) {
    return step(
        POSTCHECK_ROLES,
        "Check roles",
        StepKind.POSTCHECK,
        "Check that " + expectedPrimary + " is primary and " + expectedStandby + " is not.",
        30,
        true);
  }

  private static PlanStep step(
      String id, String name, StepKind kind, String description, long seconds, boolean idem) {
    return new PlanStep(id, name, kind, description, Duration.ofSeconds(seconds), idem);
  }
}

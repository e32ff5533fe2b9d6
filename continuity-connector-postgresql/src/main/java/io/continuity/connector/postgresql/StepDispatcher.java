package io.continuity.connector.postgresql;

import static io.continuity.connector.postgresql.StepIds.*;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.time.Duration;

/** Runs a step by its id; {@code promote-target} differs between planned and unplanned plans. */
final class StepDispatcher {

  private final CheckSteps checks;
  private final SwitchoverSteps switchover;
  private final FailoverSteps failover;
  private final FailbackSteps failback;
  private final DrillSteps drill;
  private final CloneDrillSteps clone;

  StepDispatcher(StepSupport support) {
    this.checks = new CheckSteps(support);
    this.switchover = new SwitchoverSteps(support);
    this.failover = new FailoverSteps(support);
    this.failback = new FailbackSteps(support);
    this.drill = new DrillSteps(support);
    this.clone = new CloneDrillSteps(support);
  }

  StepResult run(PlanStep step, StepContext context, Duration timeout) throws ConnectorException {
    switch (step.id()) {
      case PRECHECK_REPLICATION:
        return checks.precheckReplication(context);
      case PRECHECK_TARGET:
        return failover.precheckTarget(context);
      case PRECHECK_FAILBACK:
        return failback.precheck(context);
      case RESYNC_TARGET:
        return failback.resync(context, timeout);
      case QUIESCE_PRIMARY:
        return switchover.quiesce(context, timeout);
      case WAIT_FOR_CATCH_UP:
        return switchover.waitForCatchUp(context, timeout);
      case FENCE_OLD_PRIMARY:
        return failover.fence(context, timeout);
      case CAPTURE_MARKERS:
        return failover.captureMarkers(context, timeout);
      case PROMOTE_TARGET:
        return context.plan().type() == OperationType.FAILOVER
            ? failover.promote(context)
            : switchover.promote(context);
      case VERIFY_WRITES:
        return checks.verifyWrites(context);
      case REJOIN_OLD_PRIMARY:
        return switchover.rejoin(context, timeout);
      case POSTCHECK_ROLES:
        return checks.postcheckRoles(context);
      case VALIDATE_STANDBY_READS:
        return drill.validateReads(context);
      case OBSERVE_REPLAY:
        return drill.observeReplay(context);
      case CREATE_CLONE:
        return clone.create(context, timeout);
      case VALIDATE_CLONE:
        return clone.validate(context, timeout);
      case DISCARD_CLONE:
        return clone.discard(context, timeout);
      default:
        throw ConnectorException.permanent(
            "step '" + step.id() + "' is not a step of the PostgreSQL connector's plans");
    }
  }
}

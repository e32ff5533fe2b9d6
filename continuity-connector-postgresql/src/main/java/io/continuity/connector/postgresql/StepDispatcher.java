package io.continuity.connector.postgresql;

import static io.continuity.connector.postgresql.StepIds.*;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StepRouter;
import java.time.Duration;

/** Runs a step by its id; {@code promote-target} differs between planned and unplanned plans. */
final class StepDispatcher {

  private final StepRouter router;

  StepDispatcher(StepSupport support) {
    CheckSteps checks = new CheckSteps(support);
    SwitchoverSteps switchover = new SwitchoverSteps(support);
    FailoverSteps failover = new FailoverSteps(support);
    FailbackSteps failback = new FailbackSteps(support);
    DrillSteps drill = new DrillSteps(support);
    CloneDrillSteps clone = new CloneDrillSteps(support);
    ResumePrimary resume = new ResumePrimary(support);
    this.router =
        StepRouter.of("PostgreSQL")
            .on(PRECHECK_REPLICATION, (c, t) -> checks.precheckReplication(c))
            .on(PRECHECK_CONTINUATION, (c, t) -> checks.precheckContinuation(c))
            .on(PRECHECK_TARGET, (c, t) -> failover.precheckTarget(c))
            .on(PRECHECK_FAILBACK, (c, t) -> failback.precheck(c))
            .on(RESYNC_TARGET, failback::resync)
            .on(QUIESCE_PRIMARY, switchover::quiesce)
            .on(WAIT_FOR_CATCH_UP, switchover::waitForCatchUp)
            .on(FENCE_OLD_PRIMARY, failover::fence)
            .on(CAPTURE_MARKERS, failover::captureMarkers)
            .on(
                PROMOTE_TARGET,
                (c, t) ->
                    c.plan().type() == OperationType.FAILOVER
                        ? failover.promote(c)
                        : switchover.promote(c))
            .on(VERIFY_WRITES, (c, t) -> checks.verifyWrites(c))
            .on(REJOIN_OLD_PRIMARY, switchover::rejoin)
            .on(POSTCHECK_ROLES, (c, t) -> checks.postcheckRoles(c))
            .on(VALIDATE_STANDBY_READS, (c, t) -> drill.validateReads(c))
            .on(OBSERVE_REPLAY, (c, t) -> drill.observeReplay(c))
            .on(CREATE_CLONE, clone::create)
            .on(VALIDATE_CLONE, clone::validate)
            .on(DISCARD_CLONE, clone::discard)
            .on(ResumePrimary.STEP_ID, (c, t) -> resume.step(c))
            .build();
  }

  StepResult run(PlanStep step, StepContext context, Duration timeout, ConnectorConfig config)
      throws ConnectorException {
    return router.execute(step, context, timeout, config);
  }
}

package io.continuity.connector.sqlserver;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;
import static io.continuity.connector.support.StandardStepIds.FENCE_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.OBSERVE_REPLAY;
import static io.continuity.connector.support.StandardStepIds.POSTCHECK_ROLES;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_FAILBACK;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_REPLICATION;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_TARGET;
import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.VALIDATE_STANDBY_READS;
import static io.continuity.connector.support.StandardStepIds.VERIFY_WRITES;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationRequests;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import io.continuity.connector.support.MemberProber;
import io.continuity.connector.support.StepRouter;
import java.time.Clock;
import java.time.Duration;

/**
 * A connector to one Always On availability group: every replica is probed directly and in
 * parallel; operations are plans of named steps ({@link AgPlans}) run one at a time.
 */
final class SqlServerConnector implements Connector {

  private final ConnectorConfig config;
  private final AgSettings settings;
  private final Capabilities capabilities;
  private final AgSessions sessions;
  private final MemberProber prober;
  private final ProbeAssembler assembler;
  private final AgPlans plans;
  private final StepRouter router;
  private final Clock clock;
  private final StepSupport support;

  SqlServerConnector(
      ConnectorConfig config, AgSettings settings, AgSessions sessions, Clock clock) {
    this.config = config;
    this.settings = settings;
    this.sessions = sessions;
    this.clock = clock;
    this.capabilities = AgCapabilities.of(settings);
    this.prober = new MemberProber(config.resourceId(), config.sanitizer());
    this.assembler = new ProbeAssembler(settings, config.sanitizer());
    this.plans = new AgPlans(settings);
    this.support = new StepSupport(settings, config, sessions, prober, config.sanitizer());
    PlannedSteps planned = new PlannedSteps(support);
    ForcedSteps forced =
        new ForcedSteps(
            support, new HostActionRunner(config.resourceId(), config.sanitizer()), clock);
    FailbackSteps failback = new FailbackSteps(support);
    DrillSteps drill = new DrillSteps(support);
    this.router =
        StepRouter.of("SQL Server")
            .on(PRECHECK_REPLICATION, planned::precheckReplication)
            .on(AgPlans.SET_SYNCHRONOUS_COMMIT, planned::setSynchronousCommit)
            .on(WAIT_FOR_CATCH_UP, planned::waitForCatchUp)
            .on(AgPlans.RESTORE_COMMIT_MODES, planned::restoreCommitModes)
            .on(VERIFY_WRITES, planned::verifyWrites)
            .on(POSTCHECK_ROLES, planned::postcheckRoles)
            .on(PRECHECK_TARGET, forced::precheckTarget)
            .on(FENCE_OLD_PRIMARY, forced::fence)
            .on(CAPTURE_MARKERS, forced::captureMarkers)
            .on(AgPlans.RESUME_SITE_SECONDARIES, forced::resumeSiteSecondaries)
            .on(PRECHECK_FAILBACK, failback::precheck)
            .on(RESYNC_TARGET, failback::resync)
            .on(VALIDATE_STANDBY_READS, drill::validateReads)
            .on(OBSERVE_REPLAY, drill::observeReplay)
            .on(
                PROMOTE_TARGET,
                (context, timeout) ->
                    context.plan().type() == OperationType.FAILOVER
                        ? forced.promote(context, timeout)
                        : planned.promote(context, timeout))
            .build();
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    AgTopology topology =
        new AgTopology(
            prober.probeAll(
                config,
                timeout,
                (site, member, deadline) -> {
                  try (AgSession s =
                      sessions.open(member, AgSessions.Intent.READ_WRITE, deadline.remaining())) {
                    return ReplicaView.read(s, member.name(), settings);
                  }
                },
                SqlErrors::classify));
    return assembler.assemble(topology, clock.instant());
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    SiteEndpoint target = OperationRequests.requirePlannable(request, capabilities, config);
    return plans.plan(request.type(), target.name(), support.sourceFor(target).name());
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    return router.execute(step, context, timeout, config);
  }

  @Override
  public void close() {
    prober.close();
  }

  @Override
  public String toString() {
    return "SqlServerConnector["
        + config.resourceId()
        + ", AG "
        + settings.availabilityGroup()
        + ", "
        + settings.sites().stream()
            .flatMap(
                s -> s.members().stream().map(m -> s.name() + "/" + m.name() + "=" + m.address()))
            .toList()
        + "]";
  }
}

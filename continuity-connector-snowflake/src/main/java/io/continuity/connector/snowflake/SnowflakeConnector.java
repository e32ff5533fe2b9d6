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

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationRequests;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import io.continuity.connector.support.MemberProber;
import io.continuity.connector.support.StepRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A connector to one Snowflake failover group replicated between two accounts (one per site),
 * through the SQL API v2. Probes look at both accounts at once ({@link MemberProber}); operations
 * are the plans of {@link SnowflakePlans}, run a step at a time through a {@link StepRouter}.
 */
final class SnowflakeConnector implements Connector {

  private final ConnectorConfig config;
  private final SnowflakeSettings settings;
  private final Capabilities capabilities;
  private final SnowflakeAccounts accounts;
  private final MemberProber prober;
  private final ProbeAssembler assembler;
  private final SnowflakePlans plans;
  private final StepRouter router;
  private final Clock clock;

  SnowflakeConnector(ConnectorConfig config, SnowflakeSettings settings, Clock clock) {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    PayloadSanitizer sanitizer = config.sanitizer();
    this.capabilities = capabilitiesOf(settings);
    this.accounts = new SnowflakeAccounts(config, settings, clock);
    this.prober = new MemberProber(config.resourceId(), sanitizer);
    this.assembler = new ProbeAssembler(settings, sanitizer);
    this.plans = new SnowflakePlans(settings);
    StepSupport support =
        new StepSupport(
            settings, accounts, sanitizer, new HostActionRunner(config.resourceId(), sanitizer));
    CheckSteps checks = new CheckSteps(support);
    SwitchoverSteps switchover = new SwitchoverSteps(support);
    FailoverSteps failover = new FailoverSteps(support);
    RedirectStep redirect = new RedirectStep(support);
    this.router =
        StepRouter.of("Snowflake")
            .on(PRECHECK_REPLICATION, checks::precheckReplication)
            .on(PRECHECK_TARGET, checks::precheckTarget)
            .on(PRECHECK_FAILBACK, checks::precheckFailback)
            .on(POSTCHECK_ROLES, checks::postcheckRoles)
            .on(VALIDATE_STANDBY_READS, checks::validateReads)
            .on(QUIESCE_PRIMARY, switchover::quiesce)
            .on(WAIT_FOR_CATCH_UP, switchover::waitForCatchUp)
            .on(REJOIN_OLD_PRIMARY, switchover::rejoin)
            .on(RESYNC_TARGET, switchover::resync)
            .on(CAPTURE_MARKERS, failover::capture)
            .on(RedirectStep.ID, redirect::redirect)
            .on(
                PROMOTE_TARGET,
                (context, timeout) ->
                    context.plan().type() == OperationType.FAILOVER
                        ? failover.promote(context, timeout)
                        : switchover.promote(context, timeout))
            .build();
  }

  static Capabilities capabilitiesOf(SnowflakeSettings settings) {
    boolean quiesce = settings.canQuiesce();
    String noQuiesce =
        "configure quiesceStatement (the primary failover group's read-only mode, or disabling"
            + " the writers) and resumeWritesStatement, or an action.quiesce host action on every"
            + " site: without a quiesce no refresh can prove that nothing was written after it";
    return Capabilities.of(
        List.of(
            CapabilityStatus.available(Capability.MONITOR),
            CapabilityStatus.available(Capability.REPLICATION_MARKER),
            quiesce
                ? CapabilityStatus.available(Capability.SWITCHOVER)
                : CapabilityStatus.unavailable(Capability.SWITCHOVER, noQuiesce),
            CapabilityStatus.available(Capability.FAILOVER),
            quiesce
                ? CapabilityStatus.available(Capability.FAILBACK)
                : CapabilityStatus.unavailable(
                    Capability.FAILBACK, "a failback ends with a switchover: " + noQuiesce),
            CapabilityStatus.available(Capability.DRILL),
            CapabilityStatus.unavailable(
                Capability.HEARTBEAT,
                "not implemented: the refresh snapshot time is the replication marker"),
            CapabilityStatus.unavailable(
                Capability.FENCE,
                "Snowflake fences by itself: promoting a secondary makes the former primary a"
                    + " secondary (read-only) when it can be reached")));
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    List<MemberProber.MemberAnswer<AccountObservation>> answers =
        prober.probeAll(
            config,
            timeout,
            (site, member, deadline) -> accounts.observe(settings.account(site.name()), deadline),
            SnowflakeConnector::classify);
    return assembler.assemble(answers, clock.instant());
  }

  /** SQL API failures as connectivity: bad key or token (390144 and friends) is AUTH_FAILED. */
  static Connectivity classify(Exception e) {
    if (e instanceof SqlApiException api) {
      return switch (api.kind()) {
        case AUTH -> Connectivity.AUTH_FAILED;
        case NO_ANSWER -> Connectivity.TIMED_OUT;
        case NOT_SENT, REFUSED, FAILED -> Connectivity.UNREACHABLE;
      };
    }
    return Connectivity.UNREACHABLE;
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    String target = OperationRequests.requirePlannable(request, capabilities, config).name();
    return plans.plan(request.type(), target);
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
    return "SnowflakeConnector["
        + config.resourceId()
        + ", group "
        + settings.failoverGroup()
        + ", "
        + settings.accounts().stream().map(a -> a.site() + "=" + a.identifier()).toList()
        + "]";
  }
}

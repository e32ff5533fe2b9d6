package io.continuity.connector.mongodb;

import static io.continuity.connector.support.StandardStepIds.CAPTURE_MARKERS;
import static io.continuity.connector.support.StandardStepIds.FENCE_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.OBSERVE_REPLAY;
import static io.continuity.connector.support.StandardStepIds.POSTCHECK_ROLES;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_FAILBACK;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_REPLICATION;
import static io.continuity.connector.support.StandardStepIds.PRECHECK_TARGET;
import static io.continuity.connector.support.StandardStepIds.PROMOTE_TARGET;
import static io.continuity.connector.support.StandardStepIds.REJOIN_OLD_PRIMARY;
import static io.continuity.connector.support.StandardStepIds.RESYNC_TARGET;
import static io.continuity.connector.support.StandardStepIds.VALIDATE_STANDBY_READS;
import static io.continuity.connector.support.StandardStepIds.VERIFY_WRITES;
import static io.continuity.connector.support.StandardStepIds.WAIT_FOR_CATCH_UP;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.MemberProber;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import io.continuity.connector.support.StepRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A MongoDB replica set spread over two sites (module README). */
final class MongoConnector implements Connector {

  private final MongoSettings settings;
  private final PayloadSanitizer sanitizer;
  private final MemberClients clients;
  private final MemberProber prober;
  private final MongoPlans plans;
  private final StepRouter router;
  private final Capabilities capabilities;
  private final Optional<Heartbeat> heartbeat;

  MongoConnector(MongoSettings settings) {
    this.settings = settings;
    this.sanitizer = settings.config().sanitizer();
    this.clients = new MemberClients(settings);
    this.prober = new MemberProber(settings.resourceId(), sanitizer);
    this.plans = new MongoPlans(settings);
    this.capabilities = capabilitiesOf(settings);
    this.heartbeat =
        settings
            .config()
            .heartbeat()
            .map(spec -> new Heartbeat(settings.resourceId(), spec, clients));
    MongoSteps steps = new MongoSteps(settings, clients, prober, sanitizer);
    MongoFailoverSteps failover = new MongoFailoverSteps(steps);
    MongoSwitchoverSteps switchover = new MongoSwitchoverSteps(steps);
    FailbackSteps failback = new FailbackSteps(settings, clients, steps, sanitizer);
    CloneDrillSteps clone = new CloneDrillSteps(settings, clients, sanitizer);
    this.router =
        StepRouter.of("MongoDB")
            .on(PRECHECK_REPLICATION, steps::precheckReplication)
            .on(PRECHECK_TARGET, steps::precheckTarget)
            .on(MongoPlans.FREEZE_OTHERS, switchover::freezeOthers)
            .on(WAIT_FOR_CATCH_UP, switchover::waitForCatchUp)
            .on(
                PROMOTE_TARGET,
                (context, timeout) ->
                    context.plan().type() == OperationType.FAILOVER
                        ? failover.promoteByForce(context, timeout)
                        : switchover.promoteBySwitchover(context, timeout))
            .on(MongoPlans.UNFREEZE_OTHERS, switchover::unfreezeOthers)
            .on(FENCE_OLD_PRIMARY, failover::fence)
            .on(PRECHECK_FAILBACK, failback::precheck)
            .on(REJOIN_OLD_PRIMARY, failback::rejoin)
            .on(RESYNC_TARGET, failback::resync)
            .on(CAPTURE_MARKERS, failover::captureMarkers)
            .on(VALIDATE_STANDBY_READS, steps::validateReads)
            .on(CloneDrillSteps.CREATE_CLONE, clone::create)
            .on(CloneDrillSteps.VALIDATE_CLONE, clone::validate)
            .on(CloneDrillSteps.DISCARD_CLONE, clone::discardStep)
            .on(OBSERVE_REPLAY, steps::observeReplay)
            .on(VERIFY_WRITES, steps::verifyWrites)
            .on(POSTCHECK_ROLES, steps::postcheckRoles)
            .build();
  }

  static Capabilities capabilitiesOf(MongoSettings settings) {
    List<CapabilityStatus> list = new ArrayList<>();
    list.add(CapabilityStatus.available(Capability.MONITOR));
    list.add(CapabilityStatus.available(Capability.REPLICATION_MARKER));
    list.add(
        settings.config().heartbeat().isPresent()
            ? CapabilityStatus.available(Capability.HEARTBEAT)
            : CapabilityStatus.unavailable(
                Capability.HEARTBEAT,
                "the resource declares no heartbeat collection (inventory 'heartbeat.table')"));
    list.add(CapabilityStatus.available(Capability.DRILL));
    String noRole =
        "the connector's user lacks the clusterManager role ('clusterManager: false'):"
            + " replSetFreeze, replSetStepDown and replSetReconfig need it";
    if (!settings.clusterManager()) {
      list.add(CapabilityStatus.unavailable(Capability.SWITCHOVER, noRole));
      list.add(CapabilityStatus.unavailable(Capability.FAILOVER, noRole));
      list.add(CapabilityStatus.unavailable(Capability.FENCE, noRole));
    } else {
      list.add(CapabilityStatus.available(Capability.SWITCHOVER));
      boolean fence = settings.action(settings.primarySite(), "fence").isPresent();
      String noFence =
          "no 'action.fence' for the primary site "
              + settings.primarySite().name()
              + ": a forced reconfig is only safe once no member there can be primary";
      list.add(
          fence
              ? CapabilityStatus.available(Capability.FAILOVER)
              : CapabilityStatus.unavailable(Capability.FAILOVER, noFence));
      list.add(
          fence
              ? CapabilityStatus.available(Capability.FENCE)
              : CapabilityStatus.unavailable(Capability.FENCE, noFence));
    }
    if (settings.clusterManager()) {
      list.add(CapabilityStatus.available(Capability.FAILBACK));
      list.add(CapabilityStatus.available(Capability.REJOIN));
    } else {
      list.add(CapabilityStatus.unavailable(Capability.FAILBACK, noRole));
      list.add(CapabilityStatus.unavailable(Capability.REJOIN, noRole));
    }
    return Capabilities.of(list);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    if (timeout.isZero() || timeout.isNegative() || timeout.toMillis() < 1) {
      throw ConnectorException.retriable("probe timeout too short: " + timeout);
    }
    Deadline overall = Deadline.in(timeout);
    Duration membersBudget = heartbeat.isPresent() ? timeout.multipliedBy(3).dividedBy(4) : timeout;
    List<MemberAnswer<MemberView>> answers =
        prober.probeAll(
            settings.config(),
            membersBudget,
            (site, member, deadline) ->
                MemberView.read(clients, site.name(), member, settings.replicaSet(), deadline),
            MongoFailures::connectivity);
    ProbeResult result = ProbeAssembler.assemble(settings, answers, Instant.now(), sanitizer);
    if (heartbeat.isEmpty()) {
      return result;
    }
    ProbeAssembler.Topology topology = ProbeAssembler.topology(settings, answers);
    if (topology.primary().isEmpty() || topology.standby().isEmpty()) {
      return result;
    }
    MemberEndpoint primary = endpoint(topology.primary().get().member());
    Heartbeat.Outcome outcome = heartbeat.get().round(primary, topology.standbyMember(), overall);
    Map<String, Object> payload = new LinkedHashMap<>(result.payload().asMap());
    outcome.reading().ifPresent(r -> payload.put("heartbeat", Heartbeat.describe(r)));
    if (!outcome.note().isBlank()) {
      payload.put("heartbeatProblem", outcome.note());
    }
    return new ProbeResult(
        result.observedAt(),
        result.sites(),
        result.health(),
        result.replicationState(),
        result.lag(),
        result.primaryMarker(),
        result.drMarker(),
        outcome.reading(),
        sanitizer.sanitize(payload),
        result.primarySite(),
        result.members());
  }

  private MemberEndpoint endpoint(String member) {
    return settings.sites().stream()
        .flatMap(s -> s.members().stream())
        .filter(m -> m.name().equals(member))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    Capability needed = request.type().requiredCapability();
    if (!capabilities.has(needed)) {
      throw ConnectorException.permanent(
          request.type()
              + " is not available for "
              + settings.resourceId()
              + ": "
              + capabilities.status(needed).reason());
    }
    return plans.plan(request);
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    return router.execute(step, context, timeout, settings.config());
  }

  @Override
  public void close() {
    prober.close();
    clients.close();
  }

  @Override
  public String toString() {
    return "MongoConnector[" + settings.resourceId() + "]";
  }
}

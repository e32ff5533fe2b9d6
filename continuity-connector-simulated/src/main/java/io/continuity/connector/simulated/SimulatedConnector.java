package io.continuity.connector.simulated;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
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
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StepRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector to a simulated primary/DR pair. Probes and steps follow the resource's script ({@link
 * SimulationSettings}) and its topology ({@link SimulatedPlatform}).
 *
 * <p>Waiting is real: {@code probeLatency}, the {@code hang} scenario and {@code hangStep} sleep on
 * the calling thread, honour the timeout argument and stop at once on interrupt. A probe that hits
 * its timeout and a step that hangs both throw a <em>retriable</em> {@link ConnectorException}: the
 * outcome of a hung step is unknown, so it is not reported as a plain failure.
 */
public final class SimulatedConnector implements Connector {

  private final ConnectorConfig config;
  private final SimulationSettings settings;
  private final SimulatedTopology topology;
  private final Clock clock;
  private final Capabilities capabilities;
  private final PayloadSanitizer sanitizer;
  private final ProbeSimulator probes;
  private final StepSimulator steps;
  private final StepRouter router;

  SimulatedConnector(
      ConnectorConfig config,
      SimulationSettings settings,
      SimulatedTopology topology,
      Clock clock,
      List<Capability> supported) {
    this.config = config;
    this.settings = settings;
    this.topology = topology;
    this.clock = clock;
    this.sanitizer = config.sanitizer();
    this.capabilities = capabilities(supported, settings);
    List<String> siteOrder = config.sites().stream().map(SiteEndpoint::name).toList();
    this.probes =
        new ProbeSimulator(
            settings,
            siteOrder,
            SimulatedMembers.of(config),
            capabilities.has(Capability.HEARTBEAT),
            sanitizer);
    this.steps =
        new StepSimulator(
            topology, probes, new WriteStream(settings.writeRateBytesPerSecond()), clock);
    StepRouter.Builder routes = StepRouter.of("simulated");
    for (String id : OperationPlans.STEP_IDS) {
      routes.on(id, (context, limit) -> simulate(id, context));
    }
    this.router = routes.build();
  }

  /** Runs one of the simulated plans' steps against the topology. */
  private StepResult simulate(String id, StepContext context) throws ConnectorException {
    PlanStep step = context.plan().step(id).orElseThrow();
    return steps
        .run(step, context)
        .orElseThrow(
            () ->
                ConnectorException.notStarted("step '" + id + "' has no simulation", false, null));
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    TopologyState state = topology.snapshot();
    Scenario scenario = probes.scenarioAt(state, clock.instant());
    if (scenario == Scenario.HANG) {
      pause(timeout, "probe");
      throw timedOut("probe of " + config.resourceId(), timeout, "scenario hang");
    }
    if (settings.probeLatency().compareTo(timeout) > 0) {
      pause(timeout, "probe");
      throw timedOut(
          "probe of " + config.resourceId(), timeout, "probeLatency " + settings.probeLatency());
    }
    pause(settings.probeLatency(), "probe");
    return probes.probe(topology.snapshot(), clock.instant());
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    String target = OperationRequests.requirePlannable(request, capabilities, config).name();
    return OperationPlans.plan(request.type(), target, topology.otherSite(target));
  }

  @Override
  public OperationPlan planResumePrimary(String site) throws ConnectorException {
    String primary =
        OperationRequests.requirePlannable(
                new OperationRequest(OperationType.SWITCHOVER, site, java.util.Map.of()),
                capabilities,
                config)
            .name();
    return OperationPlans.resume(primary, topology.otherSite(primary));
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    if (context.plan().step(step.id()).isEmpty()) {
      throw ConnectorException.notStarted(
          "step '" + step.id() + "' is not part of the plan in the context: run steps of one plan",
          false,
          null);
    }
    TopologyState state = topology.snapshot();
    if (state.hangStepOverride().or(settings::hangStep).filter(step.id()::equals).isPresent()) {
      Duration limit = timeout.compareTo(step.timeout()) < 0 ? timeout : step.timeout();
      pause(limit, "step " + step.id());
      throw timedOut("step " + step.id(), limit, "hangStep; its outcome is unknown");
    }
    if (state.failStepOverride().or(settings::failStep).filter(step.id()::equals).isPresent()) {
      return StepResult.failed("step " + step.id() + " failed (simulated by failStep)");
    }
    StepResult raw = router.run(step, context, timeout);
    return new StepResult(
        raw.outcome(), sanitizer.sanitizeText(raw.output()), raw.facts(), raw.marker(), raw.loss());
  }

  private static void pause(Duration duration, String what) throws ConnectorException {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable(what + " interrupted", e);
    }
  }

  private static ConnectorException timedOut(String what, Duration timeout, String cause) {
    return ConnectorException.retriable(
        what + " did not finish within " + timeout + " (simulated: " + cause + ")");
  }

  private static Capabilities capabilities(List<Capability> supported, SimulationSettings s) {
    List<CapabilityStatus> statuses = new ArrayList<>();
    for (Capability capability : supported) {
      statuses.add(
          s.disabledCapabilities().contains(capability)
              ? CapabilityStatus.unavailable(
                  capability, "disabled by the setting 'disabledCapabilities'")
              : CapabilityStatus.available(capability));
    }
    return Capabilities.of(statuses);
  }

  @Override
  public String toString() {
    return "SimulatedConnector[" + config.resourceId() + ", " + settings.scenario() + "]";
  }
}

package io.continuity.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.SecretUnavailableException;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector keeps, as JUnit 5 tests against the SPI alone. A connector's test
 * extends this class and supplies a factory and a configuration of a healthy target; each test
 * below fails for a connector that breaks the rule it is named for.
 *
 * <p>The kit probes the target, plans every available operation and runs the PRECHECK steps of
 * those plans (prechecks only look, they never change roles). It never runs an action step.
 */
public abstract class ConnectorContract {

  private final List<Connector> opened = new ArrayList<>();

  /** The factory under test, as the connector module makes it. */
  protected abstract ConnectorFactory factory();

  /**
   * A configuration of a reachable, healthy, replicating target whose secrets include one that
   * resolves to {@link #configuredSecretValue()}.
   */
  protected abstract ConnectorConfig healthyConfig();

  /** The value a secret of {@link #healthyConfig()} resolves to; it must never be shown. */
  protected abstract String configuredSecretValue();

  /** The timeout every probe of the kit gets. */
  protected Duration probeTimeout() {
    return Duration.ofSeconds(10);
  }

  /** How much longer than {@link #probeTimeout()} a probe may take to hand back its result. */
  protected Duration probeGrace() {
    return Duration.ofSeconds(1);
  }

  /**
   * A configuration under which at least one operation is unavailable (for example one without the
   * privileges to promote); empty when the connector cannot be configured so.
   */
  protected Optional<ConnectorConfig> limitedConfig() {
    return Optional.empty();
  }

  /** The request the kit plans for {@code type}: failback towards the PRIMARY site, else DR. */
  protected OperationRequest request(ConnectorConfig config, OperationType type) {
    SiteRole role = type == OperationType.FAILBACK ? SiteRole.PRIMARY : SiteRole.DR;
    String target =
        config
            .siteWithRole(role)
            .map(SiteEndpoint::name)
            .orElseThrow(() -> new AssertionError("the healthy config needs a " + role + " site"));
    return new OperationRequest(type, target, Map.of());
  }

  @AfterEach
  void closeConnectors() {
    opened.forEach(Connector::close);
    opened.clear();
  }

  @Test
  void factoryIsFoundByServiceLoaderForItsPlatform() {
    ConnectorFactories found = ConnectorFactories.load(getClass().getClassLoader());

    assertThat(found.forPlatform(factory().platform()))
        .as("META-INF/services/%s must name the factory", ConnectorFactory.class.getName())
        .get()
        .isInstanceOf(factory().getClass());
    assertThat(healthyConfig().platform()).isEqualTo(factory().platform());
  }

  @Test
  void capabilitiesDeclareMonitorAndStayWithinTheFactorysPromise() throws Exception {
    Connector connector = connect(healthyConfig());

    assertThat(connector.capabilities().has(Capability.MONITOR)).isTrue();
    assertThat(factory().supportedCapabilities())
        .as("what a configuration can do must be within what the factory says it can do at best")
        .containsAll(connector.capabilities().available());
    for (CapabilityStatus status : connector.capabilities().declared()) {
      if (!status.available()) {
        assertThat(status.reason()).as("reason for %s", status.capability()).isNotBlank();
      }
    }
  }

  @Test
  void probeAnswersWithinItsTimeoutWithOneEntryPerConfiguredSite() throws Exception {
    ConnectorConfig config = healthyConfig();
    Connector connector = connect(config);

    ProbeResult result = probeWithinDeadline(connector);

    assertThat(result.sites())
        .extracting(SiteConnectivity::site)
        .as("one connectivity entry per configured site, in any order")
        .containsExactlyInAnyOrderElementsOf(
            config.sites().stream().map(SiteEndpoint::name).toList());
    assertThat(result.allSitesReachable()).as("a healthy target answers on every site").isTrue();
  }

  @Test
  void configuredSecretNeverAppearsInWhatTheConnectorHandsBack() throws Exception {
    ConnectorConfig config = healthyConfig();
    String secret = configuredSecretValue();
    assertThat(resolvesTo(config, secret))
        .as("healthyConfig() must carry a secret resolving to configuredSecretValue()")
        .isTrue();
    SecretScan scan = new SecretScan(secret);
    Connector connector = connect(config);

    ProbeResult result = probeWithinDeadline(connector);
    scan.check("probe result", result.toString());
    scan.check("probe payload", String.valueOf(result.payload().asMap()));
    scan.check("connector", connector.toString());
    scan.check("capabilities", String.valueOf(connector.capabilities().declared()));
    try {
      connector.probe(Duration.ofNanos(1));
    } catch (ConnectorException e) {
      scan.check(e);
    }
    for (OperationType type : OperationType.values()) {
      try {
        OperationPlan plan = connector.plan(request(config, type));
        scan.check(type + " plan", plan.toString());
        for (StepResult step : runPrechecks(connector, plan)) {
          scan.check(type + " precheck output", step.output());
          scan.check(type + " precheck facts", step.facts().toString());
        }
      } catch (ConnectorException e) {
        scan.check(e);
      }
      try {
        connector.plan(new OperationRequest(type, "no-such-site-of-the-contract", Map.of()));
      } catch (ConnectorException e) {
        scan.check(e);
      }
    }
  }

  @Test
  void markersAreComparableAndNeverGoBackwards() throws Exception {
    Connector connector = connect(healthyConfig());
    boolean promisesMarkers = connector.capabilities().has(Capability.REPLICATION_MARKER);

    ProbeResult first = probeWithinDeadline(connector);
    ProbeResult second = probeWithinDeadline(connector);

    if (promisesMarkers) {
      assertThat(first.hasMarkers())
          .as("REPLICATION_MARKER is available, so a healthy probe reports both markers")
          .isTrue();
    }
    Assumptions.assumeTrue(
        first.hasMarkers() || first.primaryMarker().isPresent(),
        "the connector reports no markers for this configuration");
    for (ProbeResult probe : List.of(first, second)) {
      probe
          .primaryMarker()
          .ifPresent(m -> assertThat(m.platform()).isEqualTo(factory().platform()));
      probe.drMarker().ifPresent(m -> assertThat(m.platform()).isEqualTo(factory().platform()));
    }
    assertNotBehind("primary", first.primaryMarker(), second.primaryMarker());
    assertNotBehind("DR", first.drMarker(), second.drMarker());
  }

  @Test
  void plansOfAvailableOperationsHaveWellFormedSteps() throws Exception {
    ConnectorConfig config = healthyConfig();
    Connector connector = connect(config);
    List<OperationType> available = availableOperations(connector);
    Assumptions.assumeFalse(available.isEmpty(), "the connector offers no operation");

    for (OperationType type : available) {
      OperationRequest request = request(config, type);
      OperationPlan plan = connector.plan(request);

      assertThat(plan.type()).isEqualTo(type);
      assertThat(plan.targetSite()).isEqualTo(request.targetSite());
      assertThat(plan.steps().get(0).kind())
          .as("%s must begin with a precheck", type)
          .isEqualTo(StepKind.PRECHECK);
      assertThat(plan.steps())
          .extracting(PlanStep::kind)
          .as("%s acts", type)
          .contains(StepKind.ACTION);
      for (PlanStep step : plan.steps()) {
        assertThat(step.id()).isNotBlank();
        assertThat(step.name()).as("name of %s", step.id()).isNotBlank();
        assertThat(step.description()).as("description of %s", step.id()).isNotBlank();
        assertThat(step.timeout()).as("timeout of %s", step.id()).isPositive();
      }
      assertThat(connector.plan(request).steps())
          .as("%s plans again with the same steps: resuming relies on stable ids", type)
          .isEqualTo(plan.steps());
    }
  }

  @Test
  void plansRunPrechecksThenActionsThenPostchecksAndEndWithAPostcheck() throws Exception {
    Connector connector = connect(healthyConfig());
    for (OperationType type : availableOperations(connector)) {
      OperationPlan plan = connector.plan(request(healthyConfig(), type));
      List<StepKind> kinds = plan.steps().stream().map(PlanStep::kind).toList();

      assertThat(kinds.get(kinds.size() - 1))
          .as("%s must end with a postcheck: the engine decides success on them", type)
          .isEqualTo(StepKind.POSTCHECK);
      int firstAction = kinds.indexOf(StepKind.ACTION);
      assertThat(kinds.subList(firstAction, kinds.size()))
          .as("%s: no precheck after the first action (%s)", type, kinds)
          .doesNotContain(StepKind.PRECHECK);
      assertThat(plan.steps().stream().map(PlanStep::id).distinct().count())
          .as("%s: step ids are unique within a plan", type)
          .isEqualTo(plan.steps().size());
    }
  }

  @Test
  void aStepIdOutsideTheConnectorsPlansIsRefusedAsPermanentAndRunsNothing() throws Exception {
    Connector connector = connect(healthyConfig());
    OperationType type = availableOperations(connector).get(0);
    OperationPlan plan = connector.plan(request(healthyConfig(), type));
    PlanStep stranger =
        new PlanStep(
            "format-the-disks",
            "Not a step",
            StepKind.ACTION,
            "a step id no connector plans",
            Duration.ofSeconds(5),
            true);

    assertThatThrownBy(
            () ->
                connector.execute(
                    stranger, new StepContext("contract-test", plan, Map.of()), stranger.timeout()))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.isRetriable()).as("nothing ran, retrying cannot help").isFalse());
  }

  @Test
  void planningAnUnavailableOperationIsRefusedAsNotRetriable() throws Exception {
    int refused = 0;
    List<ConnectorConfig> configs = new ArrayList<>(List.of(healthyConfig()));
    limitedConfig().ifPresent(configs::add);
    for (ConnectorConfig config : configs) {
      Connector connector = connect(config);
      for (OperationType type : OperationType.values()) {
        if (!connector.capabilities().has(type.requiredCapability())) {
          OperationRequest request = request(config, type);
          assertThatThrownBy(() -> connector.plan(request))
              .as("planning unavailable %s", type)
              .isInstanceOfSatisfying(
                  ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse());
          refused++;
        }
      }
    }
    Assumptions.assumeTrue(
        refused > 0, "every operation is available: override limitedConfig() to test refusal");
  }

  /** Makes a connector that is closed after the test. */
  protected final Connector connect(ConnectorConfig config) throws ConnectorException {
    Connector connector = factory().create(config);
    opened.add(connector);
    return connector;
  }

  private ProbeResult probeWithinDeadline(Connector connector) throws Exception {
    Duration timeout = probeTimeout();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ProbeResult> future = executor.submit(() -> connector.probe(timeout));
      return future.get(timeout.plus(probeGrace()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("probe did not return within its timeout %s (+ grace %s)", timeout, probeGrace());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      executor.shutdownNow();
    }
  }

  private List<StepResult> runPrechecks(Connector connector, OperationPlan plan)
      throws ConnectorException {
    List<StepResult> results = new ArrayList<>();
    StepContext context = new StepContext("contract-test", plan, Map.of());
    for (PlanStep step : plan.steps()) {
      if (step.kind() != StepKind.PRECHECK) {
        break;
      }
      results.add(connector.execute(step, context, step.timeout()));
    }
    return results;
  }

  private static List<OperationType> availableOperations(Connector connector) {
    List<OperationType> available = new ArrayList<>();
    for (OperationType type : OperationType.values()) {
      if (connector.capabilities().has(type.requiredCapability())) {
        available.add(type);
      }
    }
    return available;
  }

  private static void assertNotBehind(
      String side, Optional<ReplicationMarker> earlier, Optional<ReplicationMarker> later) {
    if (earlier.isPresent() && later.isPresent()) {
      assertThat(later.get().isComparableWith(earlier.get()))
          .as("%s markers of two probes are comparable", side)
          .isTrue();
      assertThat(later.get().hasReached(earlier.get()))
          .as("%s marker went backwards from %s to %s", side, earlier.get(), later.get())
          .isTrue();
    }
  }

  private static boolean resolvesTo(ConnectorConfig config, String secret) {
    for (String name : config.secrets().keySet()) {
      try {
        if (secret.equals(config.secret(name))) {
          return true;
        }
      } catch (SecretUnavailableException e) {
        // not this one
      }
    }
    return false;
  }

  /** Fails when a text, or an exception's message chain, contains the secret. */
  private record SecretScan(String secret) {

    void check(String where, String text) {
      // not doesNotContain: its failure message would print the secret once more
      assertThat(text != null && text.contains(secret))
          .as("the configured secret leaked into the %s", where)
          .isFalse();
    }

    void check(Throwable error) {
      for (Throwable t = error; t != null; t = t.getCause()) {
        check("message of " + t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
        check("text of " + t.getClass().getSimpleName(), t.toString());
      }
    }
  }
}

package io.continuity.connector.testkit;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A connector that keeps the contract unless it was made with a {@link Defect}. */
final class FakeConnector implements Connector {

  private final ConnectorConfig config;
  private final Defect defect;
  private final AtomicLong position = new AtomicLong(1_000);
  private final AtomicLong plans = new AtomicLong();

  FakeConnector(ConnectorConfig config, Defect defect) {
    this.config = config;
    this.defect = defect;
  }

  private boolean has(Defect d) {
    return defect == d;
  }

  @Override
  public Capabilities capabilities() {
    List<CapabilityStatus> statuses = new ArrayList<>();
    if (!has(Defect.NO_MONITOR)) {
      statuses.add(CapabilityStatus.available(Capability.MONITOR));
    }
    statuses.add(CapabilityStatus.available(Capability.REPLICATION_MARKER));
    statuses.add(CapabilityStatus.available(Capability.SWITCHOVER));
    statuses.add(CapabilityStatus.unavailable(Capability.FAILOVER, "no privilege to fence"));
    if (has(Defect.CAPABILITY_BEYOND_FACTORY)) {
      statuses.add(CapabilityStatus.available(Capability.FENCE));
    }
    return Capabilities.of(statuses);
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    if (has(Defect.SLOW_PROBE)) {
      sleep(timeout.multipliedBy(20));
    }
    if (has(Defect.SECRET_IN_EXCEPTION) && timeout.toMillis() < 1) {
      throw ConnectorException.retriable("login with " + secret() + " timed out");
    }
    List<SiteConnectivity> sites = new ArrayList<>();
    for (SiteEndpoint site : config.sites()) {
      sites.add(SiteConnectivity.reachable(site.name()));
    }
    if (has(Defect.MISSING_SITE)) {
      sites.remove(sites.size() - 1);
    }
    long primary = has(Defect.MARKER_BACKWARDS) ? position.addAndGet(-10) : position.addAndGet(10);
    ProbeResult.Builder result = ProbeResult.builder(Instant.now()).sites(sites);
    if (!has(Defect.NO_MARKERS_DESPITE_CAPABILITY)) {
      result.primaryMarker(marker(primary)).drMarker(marker(primary - 5));
    }
    PayloadSanitizer sanitizer =
        has(Defect.SECRET_IN_PAYLOAD) ? PayloadSanitizer.standard() : config.sanitizer();
    return result
        .payload(sanitizer.sanitize(Map.of("note", "connected as app/" + secret())))
        .build();
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    if (!capabilities().has(request.type().requiredCapability())
        && !has(Defect.PLANS_UNAVAILABLE_OPERATION)) {
      throw new ConnectorException(
          request.type() + " unavailable", has(Defect.RETRIABLE_REFUSAL), null);
    }
    List<PlanStep> steps = new ArrayList<>();
    if (!has(Defect.PLAN_WITHOUT_PRECHECK)) {
      steps.add(step("precheck", StepKind.PRECHECK, true));
    }
    String promote =
        has(Defect.UNSTABLE_STEP_IDS) ? "promote-" + plans.incrementAndGet() : "promote";
    steps.add(step(promote, StepKind.ACTION, false));
    if (has(Defect.PRECHECK_AFTER_ACTION)) {
      steps.add(step("late-precheck", StepKind.PRECHECK, true));
    }
    if (!has(Defect.PLAN_WITHOUT_POSTCHECK)) {
      steps.add(step("postcheck", StepKind.POSTCHECK, true));
    }
    return new OperationPlan(request.type(), request.targetSite(), steps);
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    boolean known =
        step.id().equals("precheck")
            || step.id().startsWith("promote")
            || step.id().equals("postcheck")
            || step.id().equals("late-precheck");
    if (!known && !has(Defect.RUNS_UNKNOWN_STEP)) {
      throw ConnectorException.permanent("step '" + step.id() + "' is not one of the fake's");
    }
    String output = "checked " + step.id();
    if (has(Defect.SECRET_IN_PRECHECK)) {
      output += " using " + secret();
    }
    return StepResult.succeeded(output);
  }

  private String secret() {
    try {
      return config.secret("password");
    } catch (Exception e) {
      return "";
    }
  }

  private static PlanStep step(String id, StepKind kind, boolean idempotent) {
    return new PlanStep(id, id, kind, "does " + id, Duration.ofSeconds(5), idempotent);
  }

  private static ReplicationMarker marker(long position) {
    return ReplicationMarker.of(FakeConnectorFactory.PLATFORM, "FAKE_POS", "" + position, position);
  }

  private static void sleep(Duration duration) throws ConnectorException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable("interrupted", e);
    }
  }
}

package io.continuity.connector.simulated;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Configurations and helpers shared by the simulated connector's tests. */
final class Fixtures {

  /** A start instant on a whole hour, so ramp and flap cycles begin exactly there. */
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final String PRIMARY = "site-a";
  static final String DR = "site-b";
  static final String PASSWORD = "Sim-Pa55word-never-shown";

  private Fixtures() {}

  static String newResourceId() {
    return "sim-" + UUID.randomUUID();
  }

  /** A two-site resource with a password secret and the given settings (key, value, ...). */
  static ConnectorConfig config(String resourceId, String... keyValues) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return new ConnectorConfig(
        resourceId,
        Platform.SIMULATED,
        List.of(
            new SiteEndpoint(PRIMARY, SiteRole.PRIMARY, Map.of("host", "a.example")),
            new SiteEndpoint(DR, SiteRole.DR, Map.of("host", "b.example"))),
        settings,
        Map.of("password", SecretRef.parse("env:SIM_PASSWORD")),
        new EnvironmentSecretResolver(Map.of("SIM_PASSWORD", PASSWORD)));
  }

  static OperationPlan plan(SimulatedConnector connector, OperationType type, String target)
      throws ConnectorException {
    return connector.plan(new OperationRequest(type, target, Map.of()));
  }

  /**
   * Runs a plan's steps in order, as the execution engine will (the testkit's {@link PlanRunner}),
   * feeding each step the facts of the ones before; stops after the first failed step.
   */
  static List<StepResult> runUntilFailure(SimulatedConnector connector, OperationPlan plan)
      throws Exception {
    return new ArrayList<>(PlanRunner.run(connector, plan, Map.of(), Optional.empty()).values());
  }
}

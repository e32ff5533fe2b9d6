package io.continuity.connector.simulated;

import static io.continuity.connector.simulated.Fixtures.DR;
import static io.continuity.connector.simulated.Fixtures.PRIMARY;
import static io.continuity.connector.simulated.Fixtures.T0;
import static io.continuity.connector.simulated.Fixtures.runUntilFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A quiesced simulated primary takes no writes, as a real one does, until a recovery plan starts it
 * again or a promotion ends the switchover.
 */
class SimulatedQuiesceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(T0);
  private final SimulatedConnectorFactory factory = new SimulatedConnectorFactory(clock);
  private final String resourceId = Fixtures.newResourceId();

  @AfterEach
  void forget() {
    SimulatedPlatform.forget(resourceId);
  }

  private SimulatedConnector connector(String... settings) throws ConnectorException {
    return (SimulatedConnector) factory.create(Fixtures.config(resourceId, settings));
  }

  @Test
  void aPromoteThatFailsAfterTheQuiesceLeavesThePrimaryTakingNoWrites() throws Exception {
    SimulatedConnector connector = connector("failStep", "promote-target");
    List<StepResult> results =
        runUntilFailure(connector, Fixtures.plan(connector, OperationType.SWITCHOVER, DR));
    assertThat(results.get(results.size() - 1).succeeded()).isFalse();

    ProbeResult before = connector.probe(TIMEOUT);
    clock.advance(Duration.ofSeconds(30));
    ProbeResult later = connector.probe(TIMEOUT);

    assertThat(later.primarySite()).contains(PRIMARY);
    assertThat(later.health()).isEqualTo(Health.DEGRADED);
    assertThat(later.site(PRIMARY).orElseThrow().detail())
        .contains("primary quiesced: takes no writes");
    assertThat(later.payload().asMap()).containsEntry("note", "primary quiesced: takes no writes");
    assertThat(later.primaryMarker()).isEqualTo(before.primaryMarker());
  }

  @Test
  void theResumePlanStartsTheOldPrimaryAndVerifiesItTakesWrites() throws Exception {
    SimulatedConnector connector = connector("failStep", "promote-target");
    runUntilFailure(connector, Fixtures.plan(connector, OperationType.SWITCHOVER, DR));
    OperationPlan resume = connector.planResumePrimary(PRIMARY);

    List<StepResult> results = runUntilFailure(connector, resume);

    assertThat(resume.targetSite()).isEqualTo(PRIMARY);
    assertThat(resume.steps()).allMatch(s -> s.idempotent());
    assertThat(results).hasSize(3).allMatch(StepResult::succeeded);
    ProbeResult before = connector.probe(TIMEOUT);
    clock.advance(Duration.ofSeconds(30));
    ProbeResult after = connector.probe(TIMEOUT);
    assertThat(after.health()).isEqualTo(Health.HEALTHY);
    assertThat(after.site(PRIMARY).orElseThrow().detail()).isEqualTo("role=primary");
    assertThat(after.primaryMarker().orElseThrow().position())
        .isGreaterThan(before.primaryMarker().orElseThrow().position());
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
  }

  @Test
  void verifyWritesFailsOnAQuiescedPrimaryAndResumeRefusesTheStandby() throws Exception {
    SimulatedConnector connector = connector("failStep", "promote-target");
    runUntilFailure(connector, Fixtures.plan(connector, OperationType.SWITCHOVER, DR));
    OperationPlan resume = connector.planResumePrimary(PRIMARY);
    OperationPlan wrongSide = connector.planResumePrimary(DR);

    StepResult verify =
        connector.execute(
            resume.steps().get(1),
            new io.continuity.connector.api.StepContext("exec-2", resume, java.util.Map.of()),
            TIMEOUT);
    List<StepResult> refused = runUntilFailure(connector, wrongSide);

    assertThat(verify.succeeded()).isFalse();
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).succeeded()).isFalse();
    assertThat(refused.get(0).output()).contains("not a reachable primary");
    assertThat(connector.probe(TIMEOUT).health()).isEqualTo(Health.DEGRADED);
  }
}

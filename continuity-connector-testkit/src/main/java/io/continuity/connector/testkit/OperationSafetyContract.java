package io.continuity.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.StepKind;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safety promises every connector with executions keeps, run against its own real or faithfully
 * faked topology through a {@link SafetyLab}: a switchover never promotes before the final marker
 * and loses no acknowledged write; a failover never leaves two sites taking writes; a drill never
 * changes roles; every idempotent step can run twice; an unreachable site is reported in the probe,
 * never thrown; a failover after a lost site never claims more than it proves. Each test fails for
 * a connector that breaks the promise it is named for. Plans run through {@link PlanRunner}, the
 * way the engine runs them.
 */
public abstract class OperationSafetyContract {

  private SafetyLab lab;

  /** The factory under test. */
  protected abstract ConnectorFactory factory();

  /** A fresh (or reset) topology for one test: primary site writable, DR site replicating. */
  protected abstract SafetyLab newLab() throws Exception;

  @BeforeEach
  void openLab() throws Exception {
    lab = newLab();
  }

  @AfterEach
  void closeLab() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  protected SafetyLab lab() {
    return lab;
  }

  @Test
  void switchoverLosesNoAcknowledgedWriteAndProvesItCaughtUp() throws Exception {
    assumeAvailable(Capability.SWITCHOVER);
    lab.write(50);
    try (Connector connector = factory().create(lab.config())) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.SWITCHOVER, lab.drSite(), Map.of());
      PlanRunner.assertAllSucceeded(
          results,
          connector.plan(
              new io.continuity.connector.api.OperationRequest(
                  OperationType.SWITCHOVER, lab.drSite(), Map.of())));
      long acknowledged = lab.write(0);
      assertThat(lab.writesVisibleOn(lab.drSite()))
          .as("every write acknowledged before the switchover is on the new primary")
          .isGreaterThanOrEqualTo(acknowledged);
      assertThat(lab.takesWrites(lab.drSite())).as("the new primary takes writes").isTrue();
      assertThat(lab.takesWrites(lab.primarySite()))
          .as("the old primary no longer takes writes")
          .isFalse();
      LossEvidence loss = lossOf(results).orElseThrow(() -> missing("switchover"));
      assertThat(loss.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
      assertThat(connector.probe(Duration.ofSeconds(10)).primarySite())
          .as("the probe sees the new primary")
          .contains(lab.drSite());
    }
  }

  @Test
  void switchoverNeverPromotesBeforeTheFinalMarker() throws Exception {
    assumeAvailable(Capability.SWITCHOVER);
    lab.write(10);
    lab.pauseReplication();
    lab.write(10);
    try (Connector connector = factory().create(lab.config())) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.SWITCHOVER, lab.drSite(), Map.of());
      assertThat(results.values())
          .as("a switchover whose target cannot catch up does not complete")
          .anyMatch(r -> !r.succeeded());
      assertThat(lab.takesWrites(lab.drSite()))
          .as("the target was not promoted without the final marker")
          .isFalse();
      lossOf(results)
          .ifPresent(
              loss ->
                  assertThat(loss.conclusion())
                      .as("no catch-up is claimed")
                      .isNotEqualTo(LossConclusion.CAUGHT_UP));
    } finally {
      lab.resumeReplication();
    }
  }

  @Test
  void failoverNeverLeavesTwoSitesTakingWrites() throws Exception {
    assumeAvailable(Capability.FAILOVER);
    lab.write(10);
    try (Connector connector = factory().create(lab.config())) {
      PlanRunner.run(connector, OperationType.FAILOVER, lab.drSite(), Map.of());
      assertThat(lab.takesWrites(lab.primarySite()) && lab.takesWrites(lab.drSite()))
          .as("the old primary was still writable: a failover must refuse or fence it first")
          .isFalse();
    }
  }

  @Test
  void failoverAfterALostSiteNeverClaimsMoreThanItProves() throws Exception {
    assumeAvailable(Capability.FAILOVER);
    lab.write(10);
    lab.pauseReplication();
    long acknowledged = lab.write(20);
    lab.loseSite(lab.primarySite());
    try (Connector connector = factory().create(lab.config())) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.FAILOVER, lab.drSite(), Map.of());
      if (results.values().stream().allMatch(StepResult::succeeded)) {
        assertThat(lab.takesWrites(lab.drSite())).as("the survivor takes writes").isTrue();
      }
      long onTarget = lab.writesVisibleOn(lab.drSite());
      LossEvidence loss = lossOf(results).orElseThrow(() -> missing("failover"));
      if (onTarget < acknowledged) {
        assertThat(loss.conclusion())
            .as("writes were lost: %s", loss.statement())
            .isNotEqualTo(LossConclusion.CAUGHT_UP);
        assertThat(loss.statement()).doesNotContainIgnoringCase("caught up");
      }
    }
  }

  @Test
  void drillNeverChangesRoles() throws Exception {
    assumeAvailable(Capability.DRILL);
    lab.write(10);
    try (Connector connector = factory().create(lab.config())) {
      PlanRunner.run(connector, OperationType.DRILL, lab.drSite(), Map.of());
      assertThat(lab.takesWrites(lab.primarySite())).as("the primary still takes writes").isTrue();
      assertThat(lab.takesWrites(lab.drSite())).as("the DR site was not promoted").isFalse();
      assertThat(connector.probe(Duration.ofSeconds(10)).primarySite()).contains(lab.primarySite());
    }
  }

  @Test
  void everyIdempotentStepCanRunTwice() throws Exception {
    assumeAvailable(Capability.SWITCHOVER);
    lab.write(20);
    try (Connector connector = factory().create(lab.config())) {
      Map<String, StepResult> results =
          PlanRunner.runEachStepTwice(connector, OperationType.SWITCHOVER, lab.drSite());
      assertThat(results.values())
          .as("every step succeeded, the idempotent ones twice")
          .allMatch(StepResult::succeeded);
      assertThat(lab.takesWrites(lab.drSite())).isTrue();
      assertThat(lab.takesWrites(lab.primarySite())).isFalse();
      long acknowledged = lab.write(0);
      assertThat(lab.writesVisibleOn(lab.drSite())).isGreaterThanOrEqualTo(acknowledged);
    }
  }

  @Test
  void aLostSiteIsReportedInTheProbeNeverThrown() throws Exception {
    lab.loseSite(lab.primarySite());
    try (Connector connector = factory().create(lab.config())) {
      ProbeResult probe = connector.probe(Duration.ofSeconds(5));
      assertThat(probe.site(lab.primarySite()))
          .as("the lost site is in the probe")
          .hasValueSatisfying(s -> assertThat(s.connectivity().isReachable()).isFalse());
      assertThat(probe.sites().stream().map(SiteConnectivity::site)).contains(lab.drSite());
      assertThat(probe.primarySite())
          .as("a lost primary is not reported as primary")
          .isNotEqualTo(Optional.of(lab.primarySite()));
    }
  }

  @Test
  void plansHavePrecheckActionPostcheckShape() throws Exception {
    try (Connector connector = factory().create(lab.config())) {
      for (OperationType type : OperationType.values()) {
        if (!connector.capabilities().status(type.requiredCapability()).available()) {
          continue;
        }
        String target = type == OperationType.FAILBACK ? lab.primarySite() : lab.drSite();
        var plan =
            connector.plan(
                new io.continuity.connector.api.OperationRequest(type, target, Map.of()));
        var kinds = plan.steps().stream().map(s -> s.kind()).toList();
        assertThat(kinds.get(0)).as("%s starts with a precheck", type).isEqualTo(StepKind.PRECHECK);
        assertThat(kinds.get(kinds.size() - 1))
            .as("%s ends with a postcheck", type)
            .isEqualTo(StepKind.POSTCHECK);
        int firstAction = kinds.indexOf(StepKind.ACTION);
        if (firstAction >= 0) {
          assertThat(kinds.subList(firstAction + 1, kinds.size()))
              .as("%s: no precheck after the first action", type)
              .doesNotContain(StepKind.PRECHECK);
        }
        var again =
            connector.plan(
                new io.continuity.connector.api.OperationRequest(type, target, Map.of()));
        assertThat(again.steps()).as("%s: plans are stable", type).isEqualTo(plan.steps());
      }
    }
  }

  private void assumeAvailable(Capability capability) throws Exception {
    try (Connector connector = factory().create(lab.config())) {
      Assumptions.assumeTrue(
          connector.capabilities().status(capability).available(),
          capability + " is not available for this connector's lab configuration");
    }
  }

  /** The last loss evidence any step of the run stated. */
  protected static Optional<LossEvidence> lossOf(Map<String, StepResult> results) {
    return results.values().stream()
        .map(StepResult::loss)
        .flatMap(Optional::stream)
        .reduce((a, b) -> b);
  }

  private static AssertionError missing(String what) {
    return new AssertionError(
        "the " + what + " stated no loss evidence: the step that decides it must return one");
  }
}

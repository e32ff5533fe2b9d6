package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans, capabilities and settings, without any server. */
class MongoPlansTest {

  private static ConnectorConfig config(
      Map<String, String> settings, Map<String, String> eastSettings) {
    return new ConnectorConfig(
        "orders",
        Platform.MONGODB,
        List.of(
            new SiteEndpoint(
                "east",
                SiteRole.PRIMARY,
                eastSettings,
                List.of(
                    new MemberEndpoint("east-1", "10.0.0.1", 27017, Map.of()),
                    new MemberEndpoint("east-2", "10.0.0.2", 27017, Map.of("hidden", "true")))),
            new SiteEndpoint(
                "west",
                SiteRole.DR,
                Map.of(),
                List.of(
                    new MemberEndpoint("west-0", "10.1.0.9", 27017, Map.of("arbiter", "true")),
                    new MemberEndpoint("west-1", "10.1.0.1", 27017, Map.of())))),
        settings,
        Map.of("password", SecretRef.parse("env:X")),
        ref -> "secret");
  }

  private static MongoSettings settings(Map<String, String> settings) throws ConnectorException {
    return MongoSettings.parse(config(settings, Map.of("action.fence", "/bin/true")));
  }

  @Test
  void aSwitchoverPlanHasOneNonIdempotentStepThePromoteAndTargetsTheDrSitesElectableMember()
      throws Exception {
    MongoSettings s = settings(Map.of());
    OperationPlan plan =
        new MongoPlans(s).plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));

    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-replication",
            "freeze-other-electables",
            "wait-for-catch-up",
            "promote-target",
            "unfreeze-other-electables",
            "verify-writes",
            "postcheck-roles");
    assertThat(plan.steps())
        .filteredOn(p -> !p.idempotent())
        .extracting(PlanStep::id)
        .containsExactly("promote-target");
    assertThat(s.targetOf(s.drSite()).name())
        .as("the arbiter is never the target")
        .isEqualTo("west-1");
    assertThat(s.targetOf(s.primarySite()).name()).as("nor a hidden member").isEqualTo("east-1");
    assertThat(plan.step("promote-target").get().description())
        .contains("replSetStepDown 60")
        .contains("262");
  }

  @Test
  void aFailoverPlanFencesBeforeItForcesAndOnlyThePromoteIsNotIdempotent() throws Exception {
    OperationPlan plan =
        new MongoPlans(settings(Map.of()))
            .plan(new OperationRequest(OperationType.FAILOVER, "west", Map.of()));

    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-target",
            "fence-old-primary",
            "capture-markers",
            "promote-target",
            "verify-writes",
            "postcheck-roles");
    assertThat(plan.steps())
        .filteredOn(p -> !p.idempotent())
        .extracting(PlanStep::id)
        .containsExactly("promote-target");
  }

  @Test
  void capabilitiesFollowTheRoleAndTheFenceActionAndSayWhy() throws Exception {
    var full = MongoConnector.capabilitiesOf(settings(Map.of()));
    var monitorOnly = MongoConnector.capabilitiesOf(settings(Map.of("clusterManager", "false")));
    var noFence = MongoConnector.capabilitiesOf(MongoSettings.parse(config(Map.of(), Map.of())));

    assertThat(full.available())
        .contains(
            Capability.MONITOR,
            Capability.REPLICATION_MARKER,
            Capability.SWITCHOVER,
            Capability.FAILOVER,
            Capability.DRILL);
    assertThat(monitorOnly.has(Capability.SWITCHOVER)).isFalse();
    assertThat(monitorOnly.status(Capability.SWITCHOVER).reason()).contains("clusterManager");
    assertThat(monitorOnly.has(Capability.DRILL)).isTrue();
    assertThat(noFence.has(Capability.FAILOVER)).isFalse();
    assertThat(noFence.status(Capability.FAILOVER).reason()).contains("action.fence");
    assertThat(noFence.has(Capability.SWITCHOVER)).isTrue();
  }

  @Test
  void badSettingsAreRefusedNamingTheKey() {
    Map<String, String> unknown = new HashMap<>(Map.of("stepdownSecs", "60"));
    assertThatThrownBy(() -> settings(unknown)).hasMessageContaining("stepdownSecs");
    assertThatThrownBy(
            () -> settings(Map.of("stepDownSecs", "5", "secondaryCatchUpPeriodSecs", "10")))
        .hasMessageContaining("stepDownSecs")
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse());
    assertThatThrownBy(() -> MongoSettings.parse(config(Map.of(), Map.of("action.reboot", "x"))))
        .hasMessageContaining("action.reboot");
    assertThatThrownBy(() -> settings(Map.of("writeCheckNamespace", "nodot")))
        .hasMessageContaining("writeCheckNamespace");
  }
}

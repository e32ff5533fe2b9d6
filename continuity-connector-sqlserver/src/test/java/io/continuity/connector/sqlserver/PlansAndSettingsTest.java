package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan shapes, idempotency flags, capabilities per configuration and settings errors. */
class PlansAndSettingsTest {

  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    lab = new AgLab();
  }

  @AfterEach
  void close() throws Exception {
    lab.close();
  }

  private OperationPlan plan(OperationType type, String target) throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      return c.plan(new OperationRequest(type, target, Map.of()));
    }
  }

  @Test
  void switchoverConvertsToSynchronousCommitAndOnlyThePromoteIsNotIdempotent() throws Exception {
    OperationPlan plan = plan(OperationType.SWITCHOVER, "west");

    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-replication",
            "set-synchronous-commit",
            "wait-for-catch-up",
            "promote-target",
            "restore-commit-modes",
            "verify-writes",
            "postcheck-roles");
    assertThat(plan.steps())
        .filteredOn(s -> !s.idempotent())
        .extracting(PlanStep::id)
        .containsExactly("promote-target");
    assertThat(plan.step("promote-target").orElseThrow().description())
        .contains("ALTER AVAILABILITY GROUP [AG_PAYMENTS] FAILOVER")
        .contains("41142");
  }

  @Test
  void failoverFencesBeforeItForcesAndFailbackResumesBeforeItSwitchesBack() throws Exception {
    assertThat(plan(OperationType.FAILOVER, "west").steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-target",
            "fence-old-primary",
            "capture-markers",
            "promote-target",
            "resume-site-secondaries",
            "verify-writes",
            "postcheck-roles");
    assertThat(plan(OperationType.FAILBACK, "east").steps())
        .extracting(PlanStep::id)
        .startsWith("precheck-failback", "resync-target", "set-synchronous-commit")
        .endsWith("postcheck-roles");
    assertThat(plan(OperationType.DRILL, "west").steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-replication",
            "validate-standby-reads",
            "observe-replay-progress",
            "postcheck-roles");
  }

  @Test
  void externalAndNoneClusterTypesAndDistributedGroupsAreMonitorOnlyWithTheReason()
      throws Exception {
    for (String[] setting :
        List.of(
            new String[] {"clusterType", "EXTERNAL"},
            new String[] {"clusterType", "NONE"},
            new String[] {"distributed", "true"})) {
      try (AgLab other = new AgLab().with(setting[0], setting[1]);
          Connector c = other.factory().create(other.config())) {
        assertThat(c.capabilities().has(Capability.MONITOR)).isTrue();
        assertThat(c.capabilities().has(Capability.SWITCHOVER)).isFalse();
        assertThat(c.capabilities().status(Capability.FAILOVER).reason())
            .containsIgnoringCase(setting[1].equals("true") ? "distributed" : setting[1]);
        assertThatThrownBy(
                () -> c.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of())))
            .isInstanceOfSatisfying(
                ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse());
      }
    }
  }

  @Test
  void settingsErrorsNameTheSetting() {
    assertThatThrownBy(() -> lab.factory().create(withSetting("availabilityGroup", null)))
        .hasMessageContaining("availabilityGroup");
    assertThatThrownBy(() -> lab.factory().create(withSetting("encrypt", "maybe")))
        .hasMessageContaining("encrypt");
    assertThatThrownBy(() -> lab.factory().create(withSetting("catchUpTimeout", "soon")))
        .hasMessageContaining("catchUpTimeout");
    assertThatThrownBy(() -> lab.factory().create(withSetting("colour", "blue")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> lab.factory().create(withSetting("serverTimeZone", "Mars")))
        .hasMessageContaining("serverTimeZone");
  }

  @Test
  void theExampleInventorysOneEndpointFormIsAccepted() throws Exception {
    ConnectorConfig example =
        new ConnectorConfig(
            "payments-db",
            io.continuity.connector.api.Platform.SQLSERVER,
            List.of(
                new io.continuity.connector.api.SiteEndpoint(
                    "dub-1",
                    io.continuity.connector.api.SiteRole.PRIMARY,
                    Map.of(
                        "host",
                        "sql-pay-01.dub1.example.internal",
                        "instance",
                        "MSSQLSERVER",
                        "port",
                        "1433")),
                new io.continuity.connector.api.SiteEndpoint(
                    "fra-2",
                    io.continuity.connector.api.SiteRole.DR,
                    Map.of(
                        "host",
                        "sql-pay-02.fra2.example.internal",
                        "instance",
                        "MSSQLSERVER",
                        "port",
                        "1433"))),
            Map.of(
                "availabilityGroup", "AG_PAYMENTS",
                "listener", "payments-ag.example.internal",
                "listenerPort", "1433",
                "database", "Payments",
                "encrypt", "true"),
            Map.of(),
            ref -> "unused");

    try (Connector c = new SqlServerConnectorFactory().create(example)) {
      assertThat(c.capabilities().has(Capability.SWITCHOVER)).isTrue();
      assertThat(c.capabilities().status(Capability.FAILOVER).reason()).contains("action.fence");
      assertThat(c.plan(new OperationRequest(OperationType.SWITCHOVER, "fra-2", Map.of())).steps())
          .isNotEmpty();
    }
  }

  @Test
  void identifiersAreQuotedSoANameCannotEndTheStatement() {
    assertThat(AgQueries.failover("AG]; DROP DATABASE x; --"))
        .isEqualTo("ALTER AVAILABILITY GROUP [AG]]; DROP DATABASE x; --] FAILOVER");
    assertThat(AgQueries.setAvailabilityMode("AG", "O'Brien", "SYNCHRONOUS_COMMIT"))
        .contains("N'O''Brien'");
    assertThatThrownBy(() -> AgQueries.setAvailabilityMode("AG", "X", "FAST"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private ConnectorConfig withSetting(String key, String value) {
    ConnectorConfig base = lab.config();
    Map<String, String> settings = new java.util.HashMap<>(base.settings());
    if (value == null) {
      settings.remove(key);
    } else {
      settings.put(key, value);
    }
    return new ConnectorConfig(
        base.resourceId(),
        base.platform(),
        base.sites(),
        settings,
        base.secrets(),
        base.secretResolver());
  }
}

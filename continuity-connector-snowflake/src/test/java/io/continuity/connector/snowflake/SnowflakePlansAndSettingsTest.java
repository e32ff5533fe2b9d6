package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnowflakePlansAndSettingsTest {

  private final SnowflakeLab lab = new SnowflakeLab(null);

  SnowflakePlansAndSettingsTest() throws Exception {}

  @AfterEach
  void close() {
    lab.close();
  }

  private List<String> ids(OperationType type, String target) throws Exception {
    try (Connector c = new SnowflakeConnectorFactory().create(lab.config())) {
      return c.plan(new OperationRequest(type, target, Map.of())).steps().stream()
          .map(PlanStep::id)
          .toList();
    }
  }

  @Test
  void plansUseTheStandardStepIdsInOrder() throws Exception {
    assertThat(ids(OperationType.SWITCHOVER, "west"))
        .containsExactly(
            "precheck-replication",
            "quiesce-primary",
            "wait-for-catch-up",
            "promote-target",
            "rejoin-old-primary",
            "postcheck-roles");
    assertThat(ids(OperationType.FAILOVER, "west"))
        .containsExactly("precheck-target", "capture-markers", "promote-target", "postcheck-roles");
    assertThat(ids(OperationType.DRILL, "west"))
        .containsExactly("precheck-replication", "validate-standby-reads", "postcheck-roles");
    assertThat(ids(OperationType.FAILBACK, "east"))
        .startsWith("precheck-failback", "resync-target", "quiesce-primary")
        .endsWith("postcheck-roles");
  }

  @Test
  void onlyThePromotionIsDeclaredNotIdempotent() throws Exception {
    try (Connector c = new SnowflakeConnectorFactory().create(lab.config())) {
      for (OperationType type : OperationType.values()) {
        String target = type == OperationType.FAILBACK ? "east" : "west";
        for (PlanStep step : c.plan(new OperationRequest(type, target, Map.of())).steps()) {
          assertThat(step.idempotent())
              .as("%s %s", type, step.id())
              .isEqualTo(!step.id().equals("promote-target"));
        }
      }
    }
  }

  @Test
  void withoutAQuiesceStatementSwitchoverAndFailbackAreUnavailableAndSayWhy() throws Exception {
    try (Connector c =
        new SnowflakeConnectorFactory().create(lab.with("quiesceStatement", null).config())) {
      assertThat(c.capabilities().has(Capability.SWITCHOVER)).isFalse();
      assertThat(c.capabilities().status(Capability.SWITCHOVER).reason())
          .contains("quiesceStatement");
      assertThat(c.capabilities().has(Capability.FAILBACK)).isFalse();
      assertThat(c.capabilities().has(Capability.FAILOVER)).isTrue();
    }
  }

  @Test
  void settingsErrorsNameTheSettingToFix() {
    assertThatThrownBy(
            () ->
                new SnowflakeConnectorFactory()
                    .create(lab.with("failoverGroup", "FG1; DROP").config()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("failoverGroup");
    assertThatThrownBy(
            () ->
                new SnowflakeConnectorFactory()
                    .create(lab.with("failoverGroup", "FG1").with("jwtLifetime", "2h").config()))
        .hasMessageContaining("jwtLifetime");
    assertThatThrownBy(
            () ->
                new SnowflakeConnectorFactory()
                    .create(lab.with("jwtLifetime", null).with("colour", "blue").config()))
        .hasMessageContaining("colour");
  }

  @Test
  void aSiteWithoutAnAccountIsRefused() {
    ConnectorConfig good = lab.config();
    SiteEndpoint east = good.sites().get(0);
    SiteEndpoint noAccount =
        new SiteEndpoint(
            "east",
            SiteRole.PRIMARY,
            Map.of(),
            List.of(new MemberEndpoint("east", "127.0.0.1", 1, Map.of())));
    ConnectorConfig bad =
        new ConnectorConfig(
            good.resourceId(),
            good.platform(),
            List.of(noAccount, good.sites().get(1)),
            good.settings(),
            good.secrets(),
            good.secretResolver());
    assertThat(east.members()).hasSize(1);
    assertThatThrownBy(() -> new SnowflakeConnectorFactory().create(bad))
        .hasMessageContaining("site east")
        .hasMessageContaining("account");
  }

  @Test
  void theOneEndpointSiteFormWorksWithTheAccountInTheSiteSettings() throws Exception {
    ConnectorConfig good = lab.config();
    SiteEndpoint oldForm =
        new SiteEndpoint(
            "east",
            SiteRole.PRIMARY,
            Map.of(
                "host",
                "127.0.0.1",
                "port",
                Integer.toString(lab.east().port()),
                "account",
                "MYORG-EAST"));
    ConnectorConfig config =
        new ConnectorConfig(
            good.resourceId(),
            good.platform(),
            List.of(oldForm, good.sites().get(1)),
            good.settings(),
            good.secrets(),
            good.secretResolver());
    try (Connector c = new SnowflakeConnectorFactory().create(config)) {
      assertThat(c.probe(java.time.Duration.ofSeconds(5)).primarySite()).contains("east");
    }
  }

  @Test
  void jsonRoundTripsTheShapesTheSqlApiUses() {
    String text = "{\"a\":[\"x\",null,\"q\\\"\\n\"],\"n\":12,\"d\":1.5,\"t\":true,\"o\":{}}";
    Map<String, Object> parsed = Json.parseObject(text);
    assertThat(parsed.get("a")).isEqualTo(java.util.Arrays.asList("x", null, "q\"\n"));
    assertThat(parsed.get("n")).isEqualTo(12L);
    assertThat(Json.parseObject(Json.write(parsed))).isEqualTo(parsed);
    assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
  }
}

package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationRequestsTest {

  private final ConnectorConfig config =
      new ConnectorConfig(
          "orders-db",
          Platform.SIMULATED,
          List.of(
              new SiteEndpoint("east", SiteRole.PRIMARY, Map.of()),
              new SiteEndpoint("west", SiteRole.DR, Map.of())),
          Map.of(),
          Map.of(),
          new EnvironmentSecretResolver(Map.of()));

  private final Capabilities capabilities =
      Capabilities.of(
          List.of(
              CapabilityStatus.available(Capability.SWITCHOVER),
              CapabilityStatus.available(Capability.FAILBACK),
              CapabilityStatus.unavailable(Capability.FAILOVER, "no fence action for east")));

  private static OperationRequest request(OperationType type, String target) {
    return new OperationRequest(type, target, Map.of());
  }

  @Test
  void plannableRequestReturnsItsTargetSite() throws ConnectorException {
    SiteEndpoint site =
        OperationRequests.requirePlannable(
            request(OperationType.SWITCHOVER, "west"), capabilities, config);

    assertThat(site.name()).isEqualTo("west");
  }

  @Test
  void unavailableCapabilityIsRefusedWithItsReasonAndNotRetriable() {
    assertThatThrownBy(
            () ->
                OperationRequests.requirePlannable(
                    request(OperationType.FAILOVER, "west"), capabilities, config))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("FAILOVER is unavailable for orders-db")
        .hasMessageContaining("no fence action");
  }

  @Test
  void unknownTargetSiteIsRefusedNamingTheSitesToUse() {
    assertThatThrownBy(
            () ->
                OperationRequests.requirePlannable(
                    request(OperationType.SWITCHOVER, "mars"), capabilities, config))
        .hasMessageContaining("'mars' is not a site of orders-db")
        .hasMessageContaining("[east, west]");
  }

  @Test
  void failbackMustTargetTheConfiguredPrimary() {
    assertThatThrownBy(
            () ->
                OperationRequests.requirePlannable(
                    request(OperationType.FAILBACK, "west"), capabilities, config))
        .hasMessageContaining("configured primary: target east");
  }
}

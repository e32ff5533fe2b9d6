package io.continuity.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void capabilitiesAreDeclaredPerConfigurationWithTheReasonWhenUnavailable() {
    Capabilities caps =
        Capabilities.of(
            List.of(
                CapabilityStatus.available(Capability.MONITOR),
                CapabilityStatus.available(Capability.SWITCHOVER),
                CapabilityStatus.unavailable(
                    Capability.FAILOVER, "no fence host action configured for site dr")));

    assertThat(caps.has(Capability.SWITCHOVER)).isTrue();
    assertThat(caps.has(Capability.FAILOVER)).isFalse();
    assertThat(caps.status(Capability.FAILOVER).reason()).contains("fence");
    assertThat(caps.status(Capability.DRILL).reason()).isEqualTo("not declared by the connector");
    assertThat(caps.available())
        .containsExactlyInAnyOrder(Capability.MONITOR, Capability.SWITCHOVER);
  }

  @Test
  void unavailableCapabilityWithoutReasonIsRejected() {
    assertThatThrownBy(() -> CapabilityStatus.unavailable(Capability.FENCE, " "))
        .hasMessageContaining("must say why");
  }

  @Test
  void capabilityDeclaredTwiceIsRejected() {
    assertThatThrownBy(
            () ->
                Capabilities.of(
                    List.of(
                        CapabilityStatus.available(Capability.MONITOR),
                        CapabilityStatus.available(Capability.MONITOR))))
        .hasMessageContaining("declared twice");
  }

  @Test
  void everyOperationNeedsItsOwnCapability() {
    for (OperationType type : OperationType.values()) {
      assertThat(type.requiredCapability().name()).isEqualTo(type.name());
    }
    assertThat(OperationType.DRILL.changesRoles()).isFalse();
    assertThat(OperationType.SWITCHOVER.changesRoles()).isTrue();
  }
}

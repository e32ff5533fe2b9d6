package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

class TrustedProxiesTest {

  @Test
  void trustedProxyAddressesBecomeTomcatCidrs() {
    assertThat(TrustedProxies.cidrList(List.of("10.0.4.10", "10.0.5.0/24", "::1")))
        .isEqualTo("10.0.4.10/32,10.0.5.0/24,::1/128");
  }

  @Test
  void withoutTrustedProxiesNoForwardedHeaderIsBelieved() {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();

    new TrustedProxies(new MockEnvironment()).customize(factory);

    assertThat(factory.getEngineValves()).noneMatch(RemoteIpValve.class::isInstance);
  }

  @Test
  void listedProxiesAreTheOnlyOnesTheValveBelieves() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("continuity.security.trusted-proxies[0]", "10.0.4.10")
            .withProperty("continuity.security.trusted-proxies[1]", "10.0.5.0/24");
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();

    new TrustedProxies(environment).customize(factory);

    RemoteIpValve valve =
        factory.getEngineValves().stream()
            .filter(RemoteIpValve.class::isInstance)
            .map(RemoteIpValve.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(valve.getInternalProxies()).contains("10.0.4.10/32").contains("10.0.5.0/24");
    assertThat(valve.getInternalProxies()).doesNotContain("192.168");
  }

  @Test
  void bootsForwardHeadersStrategyIsRefusedBecauseItTrustsEveryPrivateAddress() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("server.forward-headers-strategy", "native");

    assertThatThrownBy(
            () -> new TrustedProxies(environment).customize(new TomcatServletWebServerFactory()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("continuity.security.trusted-proxies");
  }
}

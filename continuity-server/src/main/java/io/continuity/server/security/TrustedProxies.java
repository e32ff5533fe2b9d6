package io.continuity.server.security;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code continuity.security.trusted-proxies}: the addresses or CIDR ranges of the reverse proxies
 * in front of Continuity. Only a request from one of them has its {@code X-Forwarded-For} (the
 * client address the throttle and the audit trail use) and {@code X-Forwarded-Proto} (TLS at the
 * proxy: secure session cookie, HSTS) honoured, by Tomcat's own {@link RemoteIpValve}; from anyone
 * else these headers are ignored. Empty (the default): no proxy is trusted.
 *
 * <p>Boot's {@code server.forward-headers-strategy} is refused beside it: its default list of
 * internal proxies trusts every private and loopback address, so anyone on the network could choose
 * their own address (decision 017).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  static final String PROPERTY = "continuity.security.trusted-proxies";
  private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

  private final List<String> proxies;
  private final String forwardHeadersStrategy;

  TrustedProxies(Environment environment) {
    this.proxies =
        Binder.get(environment)
            .bind(PROPERTY, Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .map(String::strip)
            .filter(p -> !p.isEmpty())
            .toList();
    this.forwardHeadersStrategy =
        environment.getProperty("server.forward-headers-strategy", "none").strip();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (!forwardHeadersStrategy.equalsIgnoreCase("none")) {
      throw new IllegalStateException(
          "server.forward-headers-strategy="
              + forwardHeadersStrategy
              + " would trust X-Forwarded-* headers from every private address; remove it and"
              + " list your reverse proxies in "
              + PROPERTY
              + " instead");
    }
    if (proxies.isEmpty()) {
      return;
    }
    RemoteIpValve valve = new RemoteIpValve();
    valve.setInternalProxies(cidrList(proxies));
    valve.setTrustedProxies("");
    valve.setRemoteIpHeader("X-Forwarded-For");
    valve.setProtocolHeader("X-Forwarded-Proto");
    valve.setProtocolHeaderHttpsValue("https");
    factory.addEngineValves(valve);
    log.info("X-Forwarded-For and X-Forwarded-Proto are honoured from {}", proxies);
  }

  /** Tomcat's CIDR list: every entry with a mask ({@code /32} or {@code /128} for an address). */
  static String cidrList(List<String> proxies) {
    return String.join(
        ",",
        proxies.stream()
            .map(p -> p.contains("/") ? p : p + (p.contains(":") ? "/128" : "/32"))
            .toList());
  }
}

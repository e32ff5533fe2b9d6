package io.continuity.server.web.ui;

import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The single sign-on set-up the SSO browser tests share: a real OIDC provider (mock-oauth2-server,
 * issuer {@value #ISSUER}) registered as "Corp SSO", an H2 store, an empty inventory, the demo
 * password, and the group {@code dba-oncall} mapped to OPERATOR.
 */
final class CorpSso {

  static final String ISSUER = "corp";
  static final String DEMO_PASSWORD = "it-sso-password";

  private CorpSso() {}

  /**
   * Starts a provider and registers it, with a fresh store under a temp directory named {@code
   * prefix}.
   */
  static MockOAuth2Server start(DynamicPropertyRegistry registry, String prefix)
      throws IOException {
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start(0);
    Path dir = Files.createTempDirectory(prefix);
    TestStateStore.registerH2(registry, dir);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), "resources: []\n");
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> DEMO_PASSWORD);
    String registration = "spring.security.oauth2.client.registration.corp.";
    registry.add(registration + "client-id", () -> "continuity");
    registry.add(registration + "client-secret", () -> "not-a-real-secret");
    registry.add(registration + "client-name", () -> "Corp SSO");
    registry.add(registration + "scope", () -> "openid,profile,email");
    registry.add(
        "spring.security.oauth2.client.provider.corp.issuer-uri",
        () -> provider.issuerUrl(ISSUER).toString());
    registry.add("continuity.security.oidc.role-mapping.dba-oncall", () -> "OPERATOR");
    return provider;
  }

  /** The provider signs the next person in as {@code username} in these groups. */
  static void nextSignIn(MockOAuth2Server provider, String username, List<String> groups) {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER,
            username + "-subject",
            "JWT",
            List.of("continuity"),
            Map.of(
                "preferred_username",
                username,
                "groups",
                groups,
                "email",
                username + "@corp.example"),
            3600));
  }
}

package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on in the machine's Chromium against a real OIDC provider (mock-oauth2-server, in
 * process): a person whose groups map to a role signs in and acts with it; a person with no mapped
 * group is refused with the reason; the directory then knows the SSO user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class SsoLoginIT {

  static final String ISSUER = "corp";
  static MockOAuth2Server provider;
  static ConsoleBrowser browser;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    provider = new MockOAuth2Server();
    provider.start(0);
    Path dir = Files.createTempDirectory("continuity-sso-it");
    TestStateStore.registerH2(registry, dir);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), "resources: []\n");
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> "it-sso-password");
    String registration = "spring.security.oauth2.client.registration.corp.";
    registry.add(registration + "client-id", () -> "continuity");
    registry.add(registration + "client-secret", () -> "not-a-real-secret");
    registry.add(registration + "client-name", () -> "Corp SSO");
    registry.add(registration + "scope", () -> "openid,profile,email");
    registry.add(
        "spring.security.oauth2.client.provider.corp.issuer-uri",
        () -> provider.issuerUrl(ISSUER).toString());
    registry.add("continuity.security.oidc.role-mapping.dba-oncall", () -> "OPERATOR");
    registry.add("continuity.security.oidc.role-mapping.dr-approvers", () -> "APPROVER");
  }

  @BeforeAll
  static void assumeChromium() {
    ConsoleBrowser.assumeChromium();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (provider != null) {
      provider.shutdown();
    }
  }

  private ConsoleBrowser browser() {
    if (browser == null) {
      browser = ConsoleBrowser.start("http://localhost:" + port);
    }
    return browser;
  }

  /** The provider signs the next person in as {@code username} in these groups. */
  static void nextSignIn(String username, List<String> groups) {
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

  @Test
  void aPersonInAMappedGroupSignsInWithItsRoleAndTheDirectoryKnowsThem() {
    nextSignIn("sam", List.of("dba-oncall", "everyone"));
    Page page = browser().anonymous();
    page.navigate("/login");
    page.getByText("Sign in with Corp SSO").click();
    page.waitForURL(Pattern.compile("http://localhost:" + port + "/(\\?.*)?$"));

    assertThat(page.locator("[data-testid=current-user]")).hasText("sam");
    assertThat(page.locator(".user")).containsText("OPERATOR");
    page.navigate("/executions/new");
    assertThat(page.getByText("Submit the request")).isVisible();
    assertThat(
            jdbc.sql("select roles || ' ' || email from sso_user where username = 'sam'")
                .query(String.class)
                .single())
        .isEqualTo("OPERATOR sam@corp.example");
    ConsoleBrowser.screenshot(page, "sso-signed-in");
  }

  @Test
  void aPersonWithNoMappedGroupIsRefusedWithTheReason() {
    nextSignIn("mallory", List.of("marketing"));
    Page page = browser().anonymous();
    page.navigate("/login");
    page.getByText("Sign in with Corp SSO").click();
    page.waitForURL(Pattern.compile(".*/login\\?sso-error$"));

    assertThat(page.locator("[data-testid=sso-error]"))
        .containsText("none of their groups [marketing] grants a Continuity role");
    page.navigate("/executions");
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    assertThat(
            jdbc.sql("select count(*) from sso_user where username = 'mallory'")
                .query(Long.class)
                .single())
        .isZero();
  }
}

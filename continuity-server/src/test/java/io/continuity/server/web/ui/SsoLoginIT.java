package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
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

  static MockOAuth2Server provider;
  static ConsoleBrowser browser;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    provider = CorpSso.start(registry, "continuity-sso-it");
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
    CorpSso.nextSignIn(provider, username, groups);
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

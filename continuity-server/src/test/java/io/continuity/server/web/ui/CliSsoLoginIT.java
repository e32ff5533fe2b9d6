package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The browser half of {@code continuity login --sso} in Chromium against a real OIDC provider
 * (mock-oauth2-server): the test plays the CLI (a loopback listener, state and PKCE), signs in
 * through single sign-on, confirms, exchanges the one-time code and calls the API with the token.
 * Wrong verifier, reused code, a GET that tries to issue and bad redirect targets are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class CliSsoLoginIT {

  static MockOAuth2Server provider;
  static ConsoleBrowser browser;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    provider = CorpSso.start(registry, "continuity-cli-sso-it");
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

  private String base() {
    return "http://localhost:" + port;
  }

  static void nextSignIn(String username) {
    CorpSso.nextSignIn(provider, username, List.of("dba-oncall"));
  }

  /** What the CLI's loopback listener received. */
  record Callback(String code, String state) {}

  /** Signs in through SSO, confirms, and answers what the loopback listener received. */
  private Callback signInAndConfirm(String user, String state, String challenge) throws Exception {
    HttpServer listener =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CompletableFuture<Callback> received = new CompletableFuture<>();
    listener.createContext(
        "/callback",
        exchange -> {
          Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
          byte[] page = "You can close this window.".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
          received.complete(new Callback(query.get("code"), query.get("state")));
        });
    listener.start();
    try {
      nextSignIn(user);
      Page page = browser().anonymous();
      page.navigate(
          "/cli/login?redirect_port="
              + listener.getAddress().getPort()
              + "&state="
              + state
              + "&code_challenge="
              + challenge
              + "&code_challenge_method=S256");
      page.getByText("Sign in with Corp SSO").click();
      page.waitForURL(Pattern.compile(".*/cli/login\\?.*"));
      assertThat(page.locator("[data-testid=cli-login-question]"))
          .containsText("Issue a token for the command line");
      assertThat(page.locator("[data-testid=cli-login-question]")).containsText(user);
      page.locator("[data-testid=cli-login-confirm]").click();
      page.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:\\d+/callback\\?.*"));
      assertThat(page.getByText("You can close this window.")).isVisible();
      return received.get(10, TimeUnit.SECONDS);
    } finally {
      listener.stop(0);
    }
  }

  private HttpResponse<String> exchange(String code, String verifier) throws Exception {
    String body =
        "{\"code\":\"" + code + "\",\"code_verifier\":\"" + verifier + "\",\"expiresInDays\":7}";
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/tokens/cli-exchange"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCommandLineGetsAWorkingTokenThroughSingleSignOnOnce() throws Exception {
    HttpResponse<String> methods =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/methods")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(methods.statusCode()).isEqualTo(200);
    assertThat(methods.body())
        .contains("\"password\":true")
        .contains("\"registrationId\":\"corp\"")
        .contains("\"name\":\"Corp SSO\"");

    String verifier = "v".repeat(20) + "erifier-of-the-command-line-0123456789";
    String state = "state-of-the-command-line";
    Callback callback = signInAndConfirm("sam", state, challenge(verifier));
    assertThat(callback.state()).isEqualTo(state);

    HttpResponse<String> wrongVerifier = exchange(callback.code(), verifier + "x");
    assertThat(wrongVerifier.statusCode()).isEqualTo(400);
    assertThat(wrongVerifier.body()).contains("code_verifier");
    // a refused exchange uses the code up: a stolen code cannot be retried with guesses
    HttpResponse<String> afterRefusal = exchange(callback.code(), verifier);
    assertThat(afterRefusal.statusCode()).isEqualTo(400);
    assertThat(afterRefusal.body()).contains("already used");

    Callback second = signInAndConfirm("sam", state, challenge(verifier));
    HttpResponse<String> issued = exchange(second.code(), verifier);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String token = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> status =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/status"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);

    HttpResponse<String> reused = exchange(second.code(), verifier);
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("already used");
  }

  @Test
  void badRedirectTargetsAndIssuingOnGetAreRefused() throws Exception {
    String challenge = challenge("x".repeat(50));
    for (String port : List.of("80", "99999", "example.com", "")) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base()
                              + "/cli/login?redirect_port="
                              + port
                              + "&state=state-of-the-command-line&code_challenge="
                              + challenge))
                  .header("Authorization", basic())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("port %s", port).isEqualTo(400);
    }
    // a GET shows the question and issues nothing: no redirect to the listener
    HttpResponse<String> shown =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base()
                            + "/cli/login?redirect_port=40000&state=state-of-the-command-line"
                            + "&code_challenge="
                            + challenge))
                .header("Authorization", basic())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("Issue a token for the command line");
    assertThat(shown.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void theExchangeRefusesMissingOrUnknownCodesByField() throws Exception {
    HttpResponse<String> unknown = exchange("no-such-code", "y".repeat(43));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"code\"").contains("unknown");
    HttpResponse<String> noVerifier = exchange("no-such-code", "");
    assertThat(noVerifier.statusCode()).isEqualTo(400);
    assertThat(noVerifier.body()).contains("code_verifier");
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString("alice:it-sso-password".getBytes(StandardCharsets.UTF_8));
  }

  static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}

package io.continuity.server.security;

import static io.continuity.server.support.LoopbackHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.LoopbackHttp;
import io.continuity.server.support.LoopbackHttp.Reply;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in hardening over real HTTP, from several loopback addresses (127.0.0.2, 127.0.0.3, ... are
 * different clients to the server; 127.0.0.1 is the one trusted reverse proxy): the throttle per
 * (user, address) for Basic, the login form and API tokens; X-Forwarded-For believed only from the
 * trusted proxy; the audit trail, the admins' alert and no secret anywhere; the browser headers and
 * the session cookie. Threshold 3 failures in 5 min, back-off 30 s.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "continuity.monitoring.enabled=false",
      "continuity.security.throttle.max-failures=3",
      "continuity.security.throttle.window=5m",
      "continuity.security.throttle.base-backoff=30s",
      "continuity.security.throttle.max-backoff=4m",
      "continuity.security.trusted-proxies[0]=127.0.0.1"
    })
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class SignInHardeningIT {

  private static final String PASSWORD = "sign-in-hardening-password";
  private static final String API = "/api/v1/resources";

  @LocalServerPort int port;
  @Autowired AuditTrail audit;
  @Autowired ServletWebServerApplicationContext context;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-sign-in"));
    registry.add("continuity.demo.password", () -> PASSWORD);
  }

  private LoopbackHttp from(String address) {
    return LoopbackHttp.from(address, port);
  }

  private List<AuditRecord> events(String type) {
    return audit.find(AuditQuery.all(AuditQuery.MAX_SIZE)).items().stream()
        .filter(e -> e.type().equals(type))
        .toList();
  }

  private List<AuditRecord> eventsFor(String type, String username) {
    return events(type).stream().filter(e -> username.equals(e.details().get("username"))).toList();
  }

  @Test
  void wrongPasswordsThrottleThatAddressForThatUserEvenWithTheRightPasswordButNotOthers() {
    for (int i = 0; i < 3; i++) {
      assertThat(from("127.0.0.2").get(API, "Authorization", basic("alice", "wrong")).status())
          .isEqualTo(401);
    }

    Reply throttled = from("127.0.0.2").get(API, "Authorization", basic("alice", PASSWORD));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).contains("30");
    assertThat(throttled.header("Content-Type").orElseThrow()).contains("application/problem+json");
    assertThat(throttled.body()).contains("try again in 30 s").doesNotContain(PASSWORD);

    assertThat(from("127.0.0.3").get(API, "Authorization", basic("alice", PASSWORD)).status())
        .as("the same user from another address still signs in")
        .isEqualTo(200);
    assertThat(from("127.0.0.2").get(API, "Authorization", basic("bob", PASSWORD)).status())
        .as("another user from the throttled address still signs in")
        .isEqualTo(200);
  }

  @Test
  void failedSignInsAreAuditedWithoutThePasswordAndTheThrottleAlertsTheAdmins(
      CapturedOutput output) {
    List<String> guesses = List.of("Guess-one-Secr3t", "Guess-two-Secr3t", "Guess-three-Secr3t");
    for (String guess : guesses) {
      assertThat(from("127.0.0.4").get(API, "Authorization", basic("carol", guess)).status())
          .isEqualTo(401);
    }

    List<AuditRecord> failed = eventsFor(SignInEvents.AUTHENTICATION_FAILED, "carol");
    assertThat(failed).as("one event per pair and minute").hasSize(1);
    assertThat(failed.get(0).details())
        .containsEntry("clientAddress", "127.0.0.4")
        .containsEntry("mechanism", "BASIC")
        .containsEntry("failures", "1");
    assertThat(failed.get(0).reason()).contains("bad credentials");
    List<AuditRecord> throttled = eventsFor(SignInEvents.SIGN_IN_THROTTLED, "carol");
    assertThat(throttled).hasSize(1);
    assertThat(throttled.get(0).details()).containsEntry("clientAddress", "127.0.0.4");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        from("127.0.0.1")
                            .get(
                                "/api/v1/notifications?size=100",
                                "Authorization",
                                basic("admin", PASSWORD))
                            .body())
                    .contains("SIGN_IN_THROTTLED")
                    .contains("carol")
                    .contains("127.0.0.4"));

    String everything =
        audit.find(AuditQuery.all(AuditQuery.MAX_SIZE)).items().toString()
            + from("127.0.0.1")
                .get(
                    "/api/v1/notifications?all=true&size=100",
                    "Authorization",
                    basic("admin", PASSWORD))
                .body()
            + output.getAll();
    for (String guess : guesses) {
      assertThat(everything).doesNotContain(guess);
    }
    assertThat(everything).doesNotContain(PASSWORD);
  }

  @Test
  void forwardedForIsBelievedFromTheTrustedProxyOnly() {
    for (int i = 0; i < 3; i++) {
      from("127.0.0.1")
          .get(API, "Authorization", basic("bob", "wrong"), "X-Forwarded-For", "203.0.113.7");
    }

    assertThat(
            from("127.0.0.1")
                .get(API, "Authorization", basic("bob", PASSWORD), "X-Forwarded-For", "203.0.113.7")
                .status())
        .as("the client behind the proxy is throttled")
        .isEqualTo(429);
    assertThat(
            from("127.0.0.1")
                .get(API, "Authorization", basic("bob", PASSWORD), "X-Forwarded-For", "203.0.113.8")
                .status())
        .as("another client behind the same proxy is not")
        .isEqualTo(200);
    assertThat(
            from("127.0.0.6")
                .get(API, "Authorization", basic("bob", PASSWORD), "X-Forwarded-For", "203.0.113.7")
                .status())
        .as("a stranger cannot claim to be the throttled client (nor escape as another)")
        .isEqualTo(200);
    assertThat(eventsFor(SignInEvents.SIGN_IN_THROTTLED, "bob"))
        .extracting(e -> e.details().get("clientAddress"))
        .containsExactly("203.0.113.7");

    from("127.0.0.6")
        .get(API, "Authorization", basic("erin", "wrong"), "X-Forwarded-For", "198.51.100.1");
    assertThat(eventsFor(SignInEvents.AUTHENTICATION_FAILED, "erin"))
        .extracting(e -> e.details().get("clientAddress"))
        .containsExactly("127.0.0.6");
  }

  @Test
  void unknownApiTokensAreThrottledPerAddress() {
    String token = "ct_abcdefghijkl_" + "A".repeat(43);
    for (int i = 0; i < 3; i++) {
      assertThat(from("127.0.0.5").get(API, "Authorization", "Bearer " + token).status())
          .isEqualTo(401);
    }

    Reply throttled = from("127.0.0.5").get(API, "Authorization", "Bearer " + token);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isPresent();
    assertThat(eventsFor(SignInEvents.AUTHENTICATION_FAILED, SignInAttempt.API_TOKEN_USER))
        .extracting(e -> e.details().get("mechanism"))
        .containsOnly("API_TOKEN");
    assertThat(events(SignInEvents.AUTHENTICATION_FAILED).toString()).doesNotContain(token);
  }

  @Test
  void throttledLoginFormIsSentBackToTheLoginPageWithTheWait() {
    LoopbackHttp browser = from("127.0.0.7");
    Reply login = browser.get("/login");
    String cookie = sessionCookie(login);
    String form =
        "username=dave&password=wrong&_csrf="
            + URLEncoder.encode(csrf(login.body()), StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      Reply failed = browser.postForm("/login", form, "Cookie", cookie);
      assertThat(failed.status()).isEqualTo(302);
      assertThat(failed.header("Location").orElseThrow()).endsWith("/login?error");
    }

    Reply throttled =
        browser.postForm(
            "/login", form.replace("password=wrong", "password=" + PASSWORD), "Cookie", cookie);
    assertThat(throttled.status()).isEqualTo(302);
    assertThat(throttled.header("Location").orElseThrow()).endsWith("/login?throttled=30");

    assertThat(browser.get("/login?throttled=30", "Cookie", cookie).body())
        .contains("Too many failed sign-ins from this address for this user; try again in 30 s.");
    assertThat(eventsFor(SignInEvents.AUTHENTICATION_FAILED, "dave"))
        .extracting(e -> e.details().get("mechanism"))
        .containsExactly("FORM");
  }

  @Test
  void loginPageCarriesTheBrowserSecurityHeaders() {
    Reply login = from("127.0.0.8").get("/login");

    assertThat(login.header("Content-Security-Policy"))
        .contains(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    assertThat(login.header("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(login.header("Referrer-Policy")).contains("same-origin");
    assertThat(login.header("Permissions-Policy").orElseThrow()).contains("camera=()");
    assertThat(login.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(login.header("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();
    assertThat(sessionCookie(login)).isNotEmpty();
    assertThat(login.all("Set-Cookie").get(0)).contains("SameSite=Lax").contains("HttpOnly");
    assertThat(login.all("Set-Cookie").get(0)).doesNotContain("Secure");
  }

  @Test
  void overTlsAtTheTrustedProxyTheCookieIsSecureAndHstsIsSent() {
    Reply viaProxy = from("127.0.0.1").get("/login", "X-Forwarded-Proto", "https");
    assertThat(viaProxy.all("Set-Cookie").get(0)).contains("Secure").contains("SameSite=Lax");
    assertThat(viaProxy.header("Strict-Transport-Security").orElseThrow())
        .contains("max-age=31536000");

    Reply stranger = from("127.0.0.9").get("/login", "X-Forwarded-Proto", "https");
    assertThat(stranger.all("Set-Cookie").get(0)).doesNotContain("Secure");
    assertThat(stranger.header("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void aBrowserWhoseSessionTimedOutIsToldWhyOnTheLoginPage() {
    Reply stale =
        from("127.0.0.10")
            .get(
                "/",
                "Accept",
                "text/html",
                "Cookie",
                "JSESSIONID=0123456789ABCDEF0123456789ABCDEF");
    assertThat(stale.status()).isEqualTo(302);
    assertThat(stale.header("Location").orElseThrow()).endsWith("/login?expired");

    assertThat(from("127.0.0.10").get("/login?expired").body())
        .contains("You were signed out after 30 minutes without activity.");
  }

  @Test
  void consoleSessionsEndAfterThirtyIdleMinutesByDefault() {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    Context webapp = (Context) server.getTomcat().getHost().findChildren()[0];

    assertThat(webapp.getSessionTimeout()).isEqualTo(30);
  }

  private static String sessionCookie(Reply reply) {
    return reply.all("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElse("");
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the login page");
    }
    return m.group(1);
  }
}

package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.LoopbackHttp;
import io.continuity.server.support.LoopbackHttp.Reply;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests the HTTP firewall (or the servlet container) rejects still get the API's answer shape:
 * 400 problem+json that says what to fix, never an HTML error page, and never the raw request
 * echoed back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"continuity.monitoring.enabled=false"})
@ActiveProfiles("demo")
class FirewallRejectionIT {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-firewall"));
    registry.add("continuity.demo.password", () -> "firewall-it-password");
  }

  @Test
  void everyRejectedApiRequestIsAProblemJson() {
    LoopbackHttp http = LoopbackHttp.from("127.0.0.1", port);
    for (String path :
        List.of(
            "/api/v1/resources/orders%00db",
            "/api/v1/resources/a%2Fb",
            "/api/v1/resources/a%252Fb",
            "/api/v1/resources/..%2F..%2Fetc",
            "/api/v1/resources/a;jsessionid=x/b",
            "/api/v1/resources/%0d%0aX-Injected:%201")) {
      Reply reply = http.get(path, "Accept", "*/*");

      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.headers().get("content-type"))
          .as(path + ": " + reply.body())
          .anySatisfy(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(reply.body())
          .as(path)
          .contains("\"status\":400")
          .contains("\"detail\"")
          .doesNotContain("<html")
          .doesNotContain("\nX-Injected");
      assertThat(reply.headers()).as(path).doesNotContainKey("x-injected");
    }
  }

  @Test
  void aRejectedPageRequestIsPlainTextNotAStackTrace() {
    Reply reply =
        LoopbackHttp.from("127.0.0.1", port).get("/resources/orders%00db", "Accept", "text/html");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at org.");
  }
}

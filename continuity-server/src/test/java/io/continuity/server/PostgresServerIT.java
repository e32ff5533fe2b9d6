package io.continuity.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.TestStateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server on the real PostgreSQL (fresh schema, Boot's own Flyway run with the {vendor}
 * location) with users from configuration, as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresServerIT {

  static final String PASSWORD = "configured-password";

  @LocalServerPort int port;

  HttpTestClient rest() {
    return HttpTestClient.onPort(port);
  }

  @BeforeAll
  static void requirePostgres() {
    PostgresTestServer.assumeReachable();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    TestStateStore.registerPostgres(registry);
    String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
    registry.add("continuity.security.users[0].username", () -> "auditor");
    registry.add("continuity.security.users[0].password-hash", () -> hash);
    registry.add("continuity.security.users[0].roles", () -> "VIEWER");
  }

  static JsonNode json(Response response) {
    return JsonMapper.builder().build().readTree(response.body());
  }

  @Test
  void configuredUserReadsAndVerifiesTheTrailOnPostgres() {
    HttpTestClient auditor = rest().as("auditor", PASSWORD);

    Response denied = auditor.get("/actuator/prometheus");
    assertThat(denied.status()).isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode page = json(auditor.get("/api/v1/audit?actor=auditor"));
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("items").get(0).path("type").asString()).isEqualTo("ACCESS_DENIED");

    // the other test's refused sign-in is audited too (AUTHENTICATION_FAILED), in either order
    long total = json(auditor.get("/api/v1/audit")).path("total").asLong();
    JsonNode verify = json(auditor.get("/api/v1/audit/verify"));
    assertThat(verify.path("valid").asBoolean()).isTrue();
    assertThat(verify.path("checked").asLong()).isEqualTo(total).isPositive();
  }

  @Test
  void demoUsersDoNotExistOutsideTheDemoProfile() {
    Response response = rest().as("alice", PASSWORD).get("/api/v1/audit");

    assertThat(response.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}

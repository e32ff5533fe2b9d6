package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every endpoint × every role: who is allowed, who is refused with 403, and that every refusal of
 * an authenticated person is on the audit trail with that person as the actor. Anonymous callers
 * get 401 everywhere but health.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "continuity.monitoring.enabled=false")
@ActiveProfiles("demo")
class RoleMatrixIT {

  private static final String PASSWORD = "role-matrix-password";
  private static final List<String> USERS = List.of("alice", "bob", "dave", "erin", "admin");
  private static final Set<String> EVERYONE = Set.copyOf(USERS);
  private static final Set<String> REQUESTERS = Set.of("alice", "erin", "admin");
  private static final String NEW_REQUEST =
      "{\"type\":\"DRILL\",\"resourceId\":\"reports-db\",\"reason\":\"quarterly drill\"}";

  private static final String INVENTORY =
      """
      resources:
        - id: reports-db
          name: Reports
          platform: simulated
          tier: 2
          environment: test
          owner: dba@example.com
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      groups:
        - id: reporting
          name: Reporting
          tier: 2
          members: [reports-db]
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-role-matrix");
    TestStateStore.registerH2(registry, dir);
    registry.add("continuity.demo.password", () -> PASSWORD);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
  }

  /**
   * One endpoint: method, path ({@code {id}} is a fresh pending request by alice), body, who may,
   * and the status an allowed caller gets when it is not a 2xx (the request is past the role rule
   * but has nothing to act on, e.g. acknowledging a pending request: 409); 0 means any 2xx.
   */
  record Endpoint(String method, String path, String body, Set<String> allowed, int allowedStatus) {
    Endpoint(String method, String path, String body, Set<String> allowed) {
      this(method, path, body, allowed, 0);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("GET", "/api/v1/resources", null, EVERYONE),
        new Endpoint("GET", "/api/v1/resources/reports-db", null, EVERYONE),
        new Endpoint("GET", "/api/v1/groups", null, EVERYONE),
        new Endpoint("GET", "/api/v1/groups/reporting", null, EVERYONE),
        new Endpoint("GET", "/api/v1/inventory", null, EVERYONE),
        new Endpoint("GET", "/api/v1/executions", null, EVERYONE),
        new Endpoint("GET", "/api/v1/executions/{id}", null, EVERYONE),
        new Endpoint("GET", "/api/v1/executions/{id}/overrides", null, EVERYONE),
        new Endpoint("GET", "/api/v1/executions/{id}/recovery", null, EVERYONE),
        new Endpoint("GET", "/api/v1/audit", null, EVERYONE),
        new Endpoint("GET", "/api/v1/audit/verify", null, EVERYONE),
        new Endpoint("GET", "/api/v1/tokens", null, EVERYONE),
        new Endpoint("GET", "/api/v1/audit/head", null, EVERYONE),
        new Endpoint("GET", "/api/v1/reports/readiness", null, EVERYONE),
        new Endpoint("GET", "/api/v1/notifications", null, EVERYONE),
        new Endpoint("GET", "/api/v1/notifications?all=true", null, Set.of("dave", "admin")),
        new Endpoint("GET", "/v3/api-docs", null, EVERYONE),
        new Endpoint("GET", "/actuator/prometheus", null, Set.of("admin")),
        new Endpoint("POST", "/api/v1/inventory/reload", "{}", Set.of("admin")),
        new Endpoint("POST", "/api/v1/executions", NEW_REQUEST, REQUESTERS),
        new Endpoint(
            "POST",
            "/api/v1/executions/{id}/approvals",
            "{\"decision\":\"APPROVE\",\"comment\":\"looks right\"}",
            Set.of("bob")),
        new Endpoint(
            "POST",
            "/api/v1/executions/{id}/cancel",
            "{\"reason\":\"no longer needed\"}",
            Set.of("alice", "admin")),
        new Endpoint(
            "POST",
            "/api/v1/executions/{id}/break-glass",
            "{\"justification\":\"primary site lost\",\"incidentRef\":\"INC-42\"}",
            Set.of("erin")),
        new Endpoint(
            "POST",
            "/api/v1/executions/{id}/acknowledge",
            "{\"note\":\"checked by hand\"}",
            Set.of("alice", "bob", "admin"),
            409),
        new Endpoint(
            "POST",
            "/api/v1/executions/{id}/recovery",
            "{\"option\":\"roll-back\",\"reason\":\"bring it back\"}",
            REQUESTERS,
            409));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (String user : USERS) {
        rows.add(Arguments.of(endpoint, user));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void everyRoleIsAllowedOrRefusedAndRefusalsAreAudited(Endpoint endpoint, String user) {
    long deniedBefore = deniedEventsOf(user);

    Response response = call(endpoint, as(user));

    if (endpoint.allowed().contains(user) && endpoint.allowedStatus() != 0) {
      assertThat(response.status().value())
          .as("%s as %s: %s", endpoint, user, response.body())
          .isEqualTo(endpoint.allowedStatus());
      assertThat(deniedEventsOf(user)).isEqualTo(deniedBefore);
    } else if (endpoint.allowed().contains(user)) {
      assertThat(response.status().value())
          .as("%s as %s: %s", endpoint, user, response.body())
          .isBetween(200, 299);
    } else {
      assertThat(response.status())
          .as("%s as %s: %s", endpoint, user, response.body())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(deniedEventsOf(user))
          .as("the refusal of %s is on the audit trail", user)
          .isEqualTo(deniedBefore + 1);
    }
  }

  @ParameterizedTest(name = "{0} anonymously")
  @MethodSource("endpoints")
  void anonymousCallersAreAskedToAuthenticate(Endpoint endpoint) {
    Response response = call(endpoint, HttpTestClient.onPort(port));

    assertThat(response.status()).as(endpoint.toString()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void healthIsOpenToEveryone() {
    assertThat(HttpTestClient.onPort(port).get("/actuator/health").status())
        .isEqualTo(HttpStatus.OK);
  }

  private Response call(Endpoint endpoint, HttpTestClient client) {
    String path = endpoint.path();
    if (path.contains("{id}")) {
      path = path.replace("{id}", pendingRequest());
    }
    return endpoint.method().equals("GET")
        ? client.get(path)
        : client.postJson(path, endpoint.body());
  }

  private String pendingRequest() {
    Response created = as("alice").postJson("/api/v1/executions", NEW_REQUEST);
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    return created.json().path("id").asString();
  }

  /** Denials recorded with this actor so far (access denied by URL rules or by the domain). */
  private long deniedEventsOf(String user) {
    Response page = as("admin").get("/api/v1/audit?size=500&actor=" + user);
    assertThat(page.status()).isEqualTo(HttpStatus.OK);
    return page.json()
        .path("items")
        .valueStream()
        .map(item -> item.path("type").asString())
        .filter(type -> type.equals("ACCESS_DENIED") || type.equals("ATTEMPT_DENIED"))
        .count();
  }

  private HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }
}

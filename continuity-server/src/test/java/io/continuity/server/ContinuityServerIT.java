package io.continuity.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole server on a random port in the demo profile with H2 in a temp dir. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ContinuityServerIT {

  static final String PASSWORD = "it-demo-password";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  HttpTestClient rest() {
    return HttpTestClient.onPort(port);
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("continuity.demo.password", () -> PASSWORD);
  }

  HttpTestClient as(String user) {
    return rest().as(user, PASSWORD);
  }

  static JsonNode json(Response response) {
    return JSON.readTree(response.body());
  }

  static void assertProblem(Response response, HttpStatus status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.headers().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(json(response).path("status").asInt()).isEqualTo(status.value());
  }

  @Test
  void healthIsOpenWithoutAuthentication() {
    Response health = rest().get("/actuator/health");

    assertThat(health.status()).isEqualTo(HttpStatus.OK);
    assertThat(json(health).path("status").asString()).isEqualTo("UP");
  }

  @Test
  void auditNeedsAuthenticationAndSays401AsProblemJson() {
    Response response = rest().get("/api/v1/audit");

    assertProblem(response, HttpStatus.UNAUTHORIZED);
    assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(json(response).path("detail").asString()).contains("Authentication is required");
  }

  @Test
  void wrongPasswordIsRefusedAs401ProblemJson() {
    Response response = rest().as("alice", "not-the-password").get("/api/v1/audit");

    assertProblem(response, HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aliceCanReadTheAuditTrail() {
    Response response = as("alice").get("/api/v1/audit?page=0&size=10");

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    JsonNode page = json(response);
    assertThat(page.path("items").isArray()).isTrue();
    assertThat(page.path("page").asInt()).isZero();
    assertThat(page.path("size").asInt()).isEqualTo(10);
    assertThat(page.has("total")).isTrue();
  }

  @Test
  void verifyReportsAnIntactChain() {
    as("alice").get("/actuator/prometheus"); // appends ACCESS_DENIED

    Response response = as("dave").get("/api/v1/audit/verify");

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(json(response).path("valid").asBoolean()).isTrue();
    assertThat(json(response).path("checked").asLong()).isPositive();
  }

  @Test
  void deniedRequestIsRefusedAs403AndAuditedWithTheActor() {
    Response denied = as("alice").get("/actuator/prometheus");

    assertProblem(denied, HttpStatus.FORBIDDEN);
    JsonNode events = json(as("dave").get("/api/v1/audit?actor=alice&size=500")).path("items");
    assertThat(events.valueStream())
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("ACCESS_DENIED");
              assertThat(e.path("actor").asString()).isEqualTo("alice");
              assertThat(e.path("details").path("path").asString())
                  .isEqualTo("/actuator/prometheus");
              assertThat(e.path("details").path("roles").asString()).isEqualTo("OPERATOR");
            });
  }

  @Test
  void adminCanScrapePrometheus() {
    Response metrics = as("admin").get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.body()).contains("jvm_");
  }

  @Test
  void openApiNeedsAuthentication() {
    assertThat(rest().get("/v3/api-docs").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    Response docs = as("dave").get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(HttpStatus.OK);
    assertThat(docs.body()).contains("/api/v1/audit/verify");
  }

  @Test
  void theApiDocumentIsServedByChoiceWithoutAStartWarning(CapturedOutput output) {
    as("alice").get("/api/v1/audit"); // the context is up
    assertThat(output.getAll())
        .contains("Continuity DEMO mode") // the start's output was captured
        .doesNotContain("endpoint is enabled by default");
  }

  @Test
  void demoUsersArePrintedOnceWithoutAGivenPassword(CapturedOutput output) {
    as("alice").get("/api/v1/audit"); // the context is up

    String all = output.getAll();
    assertThat(all.split("Continuity DEMO mode", -1)).hasSize(2);
    assertThat(all)
        .containsPattern("alice\\s+OPERATOR")
        .containsPattern("bob\\s+APPROVER")
        .containsPattern("carol\\s+APPROVER")
        .containsPattern("dave\\s+VIEWER")
        .containsPattern("erin\\s+BREAK_GLASS")
        .containsPattern("admin\\s+ADMIN")
        .contains("(as set in CONTINUITY_DEMO_PASSWORD)")
        .doesNotContain(PASSWORD);
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource({
    "page=abc, page",
    "page=-1, page",
    "size=0, size",
    "size=100000, size",
    "size=1.5, size",
    "from=yesterday, from",
    "to=2024-13-01T00:00:00Z, to",
    "from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z, from",
  })
  void badAuditQueriesAre400ProblemJsonNamingTheParameter(String query, String parameter) {
    Response response = as("alice").get("/api/v1/audit?" + query);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    JsonNode problem = json(response);
    assertThat(problem.path("detail").asString()).contains(parameter);
    assertThat(problem.path("errors").valueStream())
        .anySatisfy(e -> assertThat(e.path("field").asString()).isEqualTo(parameter));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void unknownApiPathIs404ProblemJson() {
    assertProblem(as("alice").get("/api/v1/nothing-here"), HttpStatus.NOT_FOUND);
  }

  @Test
  void postingToTheAuditTrailIs405ProblemJson() {
    Response response = as("alice").postJson("/api/v1/audit", "{}");

    assertProblem(response, HttpStatus.METHOD_NOT_ALLOWED);
  }
}

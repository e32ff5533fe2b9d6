package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/notifications} over real HTTP: each user reads only their own inbox; the
 * VIEWER (auditor) and ADMIN may read anyone's, every channel; others asking for that are refused
 * and audited; bad paging is a 400 naming the parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class NotificationsApiIT {

  private static final String PASSWORD = "notifications-api-password";
  private static final String DRILL =
      "{\"type\":\"DRILL\",\"resourceId\":\"reports-db\",\"reason\":\"quarterly drill\"}";
  private static final String INVENTORY =
      """
      resources:
        - id: reports-db
          name: Reports
          platform: simulated
          tier: 1
          environment: test
          owner: dba@example.com
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      """;

  @LocalServerPort int port;
  String execution;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-notifications-api");
    TestStateStore.registerH2(registry, dir);
    registry.add("continuity.demo.password", () -> PASSWORD);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.notify.projector-interval", () -> "200ms");
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  /** A fresh drill by alice, waiting for approval, once its notifications are written. */
  @BeforeEach
  void requestWaitingForApproval() {
    Response created = as("alice").postJson("/api/v1/executions", DRILL);
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    execution = created.json().path("id").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !items(as("carol"), "?executionId=" + execution).isEmpty());
  }

  @Test
  void anApproverSeesTheirOwnInboxNewestFirst() {
    List<JsonNode> bobs = items(as("bob"), "");

    assertThat(bobs).isNotEmpty();
    assertThat(bobs).allSatisfy(n -> assertThat(n.path("recipient").asString()).isEqualTo("bob"));
    assertThat(bobs).allSatisfy(n -> assertThat(n.path("channel").asString()).isEqualTo("INBOX"));
    JsonNode newest = bobs.get(0);
    assertThat(newest.path("executionId").asString()).isEqualTo(execution);
    assertThat(newest.path("eventType").asString()).isEqualTo("REQUEST_CREATED");
    assertThat(newest.path("status").asString()).isEqualTo("DELIVERED");
    assertThat(newest.path("subject").asString()).contains("Approval needed").contains(execution);
    assertThat(bobs)
        .extracting(n -> n.path("id").asLong())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void theRequesterSeesNoneOfTheApproversNotifications() {
    assertThat(items(as("alice"), "?executionId=" + execution)).isEmpty();
    assertThat(items(as("dave"), "?executionId=" + execution))
        .as("dave's own inbox: a VIEWER is not asked to approve")
        .isEmpty();
  }

  @Test
  void theAuditorAndTheAdminSeeEveryonesNotifications() {
    for (String overseer : List.of("dave", "admin")) {
      assertThat(items(as(overseer), "?all=true&executionId=" + execution))
          .extracting(n -> n.path("recipient").asString())
          .containsExactlyInAnyOrder("bob", "carol");
      assertThat(items(as(overseer), "?recipient=carol&executionId=" + execution))
          .extracting(n -> n.path("recipient").asString())
          .containsExactly("carol");
    }
  }

  @Test
  void othersAskingForSomeoneElsesNotificationsAreRefusedAndAudited() {
    long deniedBefore = deniedEventsOf("bob");

    Response refused = as("bob").get("/api/v1/notifications?recipient=carol");

    assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.headers().getContentType())
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(as("bob").get("/api/v1/notifications?all=true").status())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deniedEventsOf("bob")).isEqualTo(deniedBefore + 2);
    assertThat(items(as("bob"), "?recipient=bob&executionId=" + execution))
        .as("asking for one's own notifications by name is fine")
        .hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "size=0, size",
    "size=201, size",
    "page=-1, page",
    "page=abc, page",
    "all=maybe, all",
    "all=true&recipient=bob, recipient"
  })
  void badQueryIsAProblemNamingTheParameter(String query, String parameter) {
    Response response = as("admin").get("/api/v1/notifications?" + query);

    assertThat(response.status()).as(response.body()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.headers().getContentType())
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    JsonNode problem = response.json();
    assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
        .contains(parameter);
    assertThat(response.body()).doesNotContain("Exception");
  }

  @Test
  void anonymousCallersAreAskedToAuthenticate() {
    assertThat(HttpTestClient.onPort(port).get("/api/v1/notifications").status())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private static List<JsonNode> items(HttpTestClient client, String query) {
    Response page = client.get("/api/v1/notifications" + query);
    assertThat(page.status()).as(page.body()).isEqualTo(HttpStatus.OK);
    return page.json().path("items").valueStream().toList();
  }

  private long deniedEventsOf(String user) {
    Response page = as("admin").get("/api/v1/audit?size=500&actor=" + user);
    assertThat(page.status()).isEqualTo(HttpStatus.OK);
    return page.json()
        .path("items")
        .valueStream()
        .filter(item -> item.path("type").asString().equals("ACCESS_DENIED"))
        .count();
  }
}

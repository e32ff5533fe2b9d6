package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.report.DrillSchedule;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Maintenance windows over HTTP (decision 029), demo profile on H2 with the real schedulers: bad
 * window fields are 400s naming the field; the plan of an approved request is refused before its
 * window with a 409 naming it; the console shows the window; the opening notifies the requester and
 * the operators; a recurring drill window creates one request per occurrence however often it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class MaintenanceWindowsIT {

  static final String PASSWORD = "it-window-password";

  @LocalServerPort int port;
  @Autowired DrillSchedule drills;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-window-it"));
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.inventory", () -> ExecutionTestInventory.write().toString());
    FastMonitoring.register(registry);
    registry.add("continuity.notify.projector-interval", () -> "200ms");
    registry.add("continuity.approval.window-check-interval", () -> "300ms");
    registry.add("continuity.readiness.drill-schedule.checkout", () -> "0 0 2 * * *");
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  static String body(String window) {
    return """
        {"type":"SWITCHOVER","resourceId":"orders-db","targetSite":"dr",
         "changeTicket":"CHG0012345","reason":"planned DC maintenance","window":%s}"""
        .formatted(window);
  }

  static String window(Instant notBefore, Instant notAfter) {
    return "{\"notBefore\":\"" + notBefore + "\",\"notAfter\":\"" + notAfter + "\"}";
  }

  List<JsonNode> inbox(String user, String type, String executionId) {
    List<JsonNode> found = new ArrayList<>();
    as(user)
        .get("/api/v1/notifications?size=200")
        .json()
        .path("items")
        .forEach(
            n -> {
              if (n.path("eventType").asString().equals(type)
                  && n.path("executionId").asString().equals(executionId)) {
                found.add(n);
              }
            });
    return found;
  }

  @ParameterizedTest(name = "[{index}] {0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"notBefore\":\"2030-01-01T02:00:00Z\"} | window.notAfter",
        "{\"notAfter\":\"2030-01-01T02:00:00Z\"} | window.notBefore",
        "{\"notBefore\":\"tomorrow\",\"notAfter\":\"2030-01-01T02:00:00Z\"} | window.notBefore",
        "{\"notBefore\":\"2030-01-01T02:00:00\",\"notAfter\":\"2030-01-01T06:00:00Z\"} | window.notBefore",
        "{\"notBefore\":\"2030-01-01T06:00:00Z\",\"notAfter\":\"2030-01-01T02:00:00Z\"} | window.notAfter",
        "{\"notBefore\":\"2020-01-01T02:00:00Z\",\"notAfter\":\"2020-01-01T06:00:00Z\"} | window.notAfter",
        "{\"notBefore\":\"2030-01-01T02:00:00Z\",\"notAfter\":\"2030-01-20T02:00:00Z\"} | window.notAfter",
        "{\"notBefore\":\"2099-01-01T02:00:00Z\",\"notAfter\":\"2099-01-01T06:00:00Z\"} | window.notBefore",
        "{\"notBefore\":\"2030-01-01T02:00:00Z\",\"notAfter\":\"2030-01-01T06:00:00Z\",\"tz\":\"UTC\"} | tz",
        "\"2030-01-01T02:00:00Z\" | window",
      })
  void badWindowFieldsAreA400NamingTheField(String window, String field) {
    Response response = as("alice").postJson("/api/v1/executions", body(window));
    ExecutionsApiContract.assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.body()).contains(field);
  }

  @Test
  void theOffsetIsHonouredAndTheWindowIsShown() {
    Instant opens = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    String withOffset =
        "{\"notBefore\":\""
            + opens.atOffset(ZoneOffset.ofHours(2))
            + "\",\"notAfter\":\""
            + opens.plus(Duration.ofHours(4)).atOffset(ZoneOffset.ofHours(-5))
            + "\"}";
    Response created = as("alice").postJson("/api/v1/executions", body(withOffset));
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    JsonNode json = created.json();
    assertThat(Instant.parse(json.path("window").path("notBefore").asString())).isEqualTo(opens);
    assertThat(Instant.parse(json.path("window").path("notAfter").asString()))
        .isEqualTo(opens.plus(Duration.ofHours(4)));
    assertThat(Instant.parse(json.path("expiresAt").asString()))
        .as("approvals expire with the window")
        .isEqualTo(opens.plus(Duration.ofHours(4)));
    String id = json.path("id").asString();

    String page = as("alice").get("/executions/" + id).body();
    assertThat(page).contains("Window").contains(opens + " – ").contains("(opens in ");
  }

  @Test
  void thePlanIsRefusedBeforeTheWindowWithA409NamingIt() {
    Instant opens = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant closes = opens.plus(Duration.ofHours(4));
    Response created = as("alice").postJson("/api/v1/executions", body(window(opens, closes)));
    String id = created.json().path("id").asString();
    String approvals = "/api/v1/executions/" + id + "/approvals";
    assertThat(as("bob").postJson(approvals, "{\"decision\":\"APPROVE\"}").status())
        .as("approvals may be given before the window")
        .isEqualTo(HttpStatus.OK);
    as("carol").postJson(approvals, "{\"decision\":\"APPROVE\"}");
    assertThat(as("dave").get("/api/v1/executions/" + id).json().path("state").asString())
        .isEqualTo("APPROVED");

    Response plan = as("alice").get("/api/v1/executions/" + id + "/plan");
    ExecutionsApiContract.assertProblem(plan, HttpStatus.CONFLICT);
    JsonNode problem = plan.json();
    assertThat(problem.path("rule").asString()).isEqualTo("OUTSIDE_MAINTENANCE_WINDOW");
    assertThat(problem.path("detail").asString())
        .contains("maintenance window " + opens + " – " + closes);
    assertThat(problem.path("window").path("notBefore").asString()).isEqualTo(opens.toString());
    assertThat(problem.path("window").path("notAfter").asString()).isEqualTo(closes.toString());

    Response confirm =
        as("alice").postJson("/api/v1/executions/" + id + "/confirm", "{\"token\":\"x\"}");
    assertThat(confirm.status())
        .as(confirm.body())
        .isIn(HttpStatus.CONFLICT, HttpStatus.BAD_REQUEST);
    assertThat(as("dave").get("/api/v1/executions/" + id).json().path("state").asString())
        .as("nothing was presented or started")
        .isEqualTo("APPROVED");
  }

  @Test
  void theOpeningNotifiesTheRequesterAndTheOperatorsOnce() {
    Instant opens = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Response created =
        as("erin")
            .postJson("/api/v1/executions", body(window(opens, opens.plus(Duration.ofHours(2)))));
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    String id = created.json().path("id").asString();

    JsonNode toRequester =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> inbox("erin", "EXECUTION_WINDOW_OPENED", id), l -> !l.isEmpty())
            .get(0);
    assertThat(toRequester.path("subject").asString()).contains("Maintenance window open");
    assertThat(toRequester.path("body").asString())
        .contains(opens.toString())
        .contains("a person who may confirm");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inbox("alice", "EXECUTION_WINDOW_OPENED", id), l -> l.size() == 1);
    assertThat(inbox("bob", "EXECUTION_WINDOW_OPENED", id))
        .as("approvers do not confirm")
        .isEmpty();

    JsonNode trail = as("admin").get("/api/v1/audit?size=200&executionId=" + id).json();
    long openings = 0;
    for (JsonNode record : trail.path("items")) {
      if (record.path("type").asString().equals("EXECUTION_WINDOW_OPENED")) {
        openings++;
      }
    }
    assertThat(openings).as("recorded once, however often the check runs").isEqualTo(1);
    assertThat(inbox("erin", "EXECUTION_WINDOW_OPENED", id)).hasSize(1);
  }

  @Test
  void aRecurringDrillWindowCreatesOneRequestPerOccurrence() {
    drills.createDue();
    assertThat(drills.createDue()).as("a second run creates nothing").isEmpty();

    Instant now = Instant.now();
    Set<Instant> expected = new HashSet<>();
    CronExpression cron = CronExpression.parse("0 0 2 * * *");
    ZonedDateTime at = ZonedDateTime.ofInstant(now.minus(Duration.ofHours(4)), ZoneOffset.UTC);
    while (true) {
      at = cron.next(at);
      if (at.toInstant().isAfter(now.plus(Duration.ofDays(7)))) {
        break;
      }
      expected.add(at.toInstant());
    }

    List<JsonNode> scheduled = new ArrayList<>();
    as("dave")
        .get("/api/v1/executions?size=200")
        .json()
        .path("items")
        .forEach(
            e -> {
              if (e.path("createdBy").asString().equals("system:drill-schedule")) {
                scheduled.add(e);
              }
            });
    Set<Instant> windows = new HashSet<>();
    for (JsonNode drill : scheduled) {
      assertThat(drill.path("type").asString()).isEqualTo("DRILL");
      assertThat(drill.path("scope").path("id").asString()).isEqualTo("checkout");
      assertThat(drill.path("reason").asString())
          .contains("continuity.readiness.drill-schedule.checkout");
      Instant notBefore = Instant.parse(drill.path("window").path("notBefore").asString());
      assertThat(Instant.parse(drill.path("window").path("notAfter").asString()))
          .isEqualTo(notBefore.plus(Duration.ofHours(4)));
      windows.add(notBefore);
    }
    assertThat(scheduled).as("one request per occurrence").hasSize(windows.size());
    assertThat(windows).containsExactlyInAnyOrderElementsOf(expected);

    JsonNode first = scheduled.get(0);
    String id = first.path("id").asString();
    assertThat(first.path("state").asString()).isEqualTo("PENDING_APPROVAL");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inbox("bob", "REQUEST_CREATED", id), l -> !l.isEmpty());
    assertThat(
            as("bob")
                .postJson("/api/v1/executions/" + id + "/approvals", "{\"decision\":\"APPROVE\"}")
                .status())
        .as("a person approves the scheduled drill")
        .isEqualTo(HttpStatus.OK);
  }
}

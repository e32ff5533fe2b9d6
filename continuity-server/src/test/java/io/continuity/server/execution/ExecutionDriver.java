package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Walks executions through the public API of one server, as the demo users would: alice (OPERATOR)
 * requests and confirms, bob and carol (APPROVER) approve, dave (VIEWER) watches, admin verifies
 * the audit chain. For tests that run the server in another process or against real databases,
 * where only HTTP reaches it.
 */
final class ExecutionDriver {

  private final int port;
  private final String password;
  private final Duration patience;

  ExecutionDriver(int port, String password, Duration patience) {
    this.port = port;
    this.password = password;
    this.patience = patience;
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, password);
  }

  /** Creates a request and returns its id. */
  String request(String type, String resourceId, String targetSite, String changeTicket) {
    String ticket = changeTicket == null ? "" : ",\"changeTicket\":\"" + changeTicket + "\"";
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\""
                    + type
                    + "\",\"resourceId\":\""
                    + resourceId
                    + "\",\"targetSite\":\""
                    + targetSite
                    + "\",\"reason\":\"engine proof\""
                    + ticket
                    + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    return created.json().path("id").asString();
  }

  /** Approves as each approver in turn; the request is APPROVED after the last. */
  void approve(String id, String... approvers) {
    Response last = null;
    for (String approver : approvers) {
      last =
          as(approver)
              .postJson("/api/v1/executions/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
      assertThat(last.status().is2xxSuccessful()).as(last.body()).isTrue();
    }
    assertThat(last.json().path("state").asString()).isEqualTo("APPROVED");
  }

  JsonNode plan(String id) {
    Response plan = as("alice").get("/api/v1/executions/" + id + "/plan");
    assertThat(plan.status()).as(plan.body()).isEqualTo(HttpStatus.OK);
    return plan.json();
  }

  /** The plan once monitoring has fresh evidence and every precheck passes. */
  JsonNode awaitPlanReady(String id) {
    return await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> plan(id), p -> failedChecks(p.path("prechecks")).isEmpty() && hasToken(p));
  }

  /** The plan once monitoring has fresh evidence and exactly the expected checks fail. */
  JsonNode awaitPlanFailing(String id, String... expectedFailures) {
    return await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> plan(id),
            p ->
                failedChecks(p.path("prechecks")).equals(List.of(expectedFailures)) && hasToken(p));
  }

  Response confirm(String id, String token) {
    return as("alice")
        .postJson(
            "/api/v1/executions/" + id + "/confirm", "{\"confirmationToken\":\"" + token + "\"}");
  }

  /** Plans and confirms; asserts the start was accepted. */
  void confirmWhenReady(String id) {
    JsonNode plan = awaitPlanReady(id);
    Response confirmed = confirm(id, plan.path("confirmationToken").asString());
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(HttpStatus.ACCEPTED);
  }

  JsonNode execution(String id) {
    return as("dave").get("/api/v1/executions/" + id).json();
  }

  JsonNode awaitState(String id, String state) {
    return await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> execution(id), r -> r.path("state").asString().equals(state));
  }

  String currentPrimary(String resourceId) {
    return as("dave")
        .get("/api/v1/resources/" + resourceId)
        .json()
        .path("currentPrimarySite")
        .asString();
  }

  JsonNode evidence(String id) {
    return as("dave").get("/api/v1/executions/" + id + "/evidence").json();
  }

  /** The execution's audit events, oldest first. */
  List<JsonNode> trail(String id) {
    JsonNode page = as("admin").get("/api/v1/audit?executionId=" + id + "&size=500").json();
    List<JsonNode> events = new ArrayList<>();
    page.path("items").forEach(events::add);
    return events;
  }

  List<String> types(String id) {
    return trail(id).stream().map(e -> e.path("type").asString()).toList();
  }

  /** Re-computes the whole audit chain on the server. */
  JsonNode verifyAudit() {
    return as("admin").get("/api/v1/audit/verify").json();
  }

  static List<String> failedChecks(JsonNode checks) {
    List<String> failed = new ArrayList<>();
    checks.forEach(
        c -> {
          if (!c.path("passed").asBoolean()) {
            failed.add(c.path("resourceId").asString() + "/" + c.path("id").asString());
          }
        });
    return failed;
  }

  private static boolean hasToken(JsonNode plan) {
    return !plan.path("confirmationToken").isNull()
        && !plan.path("confirmationToken").isMissingNode();
  }
}

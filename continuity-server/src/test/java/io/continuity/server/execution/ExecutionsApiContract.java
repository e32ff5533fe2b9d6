package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The executions API over real HTTP, run against each state store by a subclass that starts the
 * server (demo profile, the {@link ExecutionTestInventory}).
 */
abstract class ExecutionsApiContract {

  static final String PASSWORD = "it-demo-password";
  static final String TIER1 =
      """
      {"type":"SWITCHOVER","resourceId":"orders-db","targetSite":"dr",
       "changeTicket":"CHG0012345","reason":"planned DC maintenance"}""";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ExecutionRequestRepository repository;
  @Autowired Clock clock;

  ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  String createTier1() {
    Response created = as("alice").postJson("/api/v1/executions", TIER1);
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    return created.json().path("id").asString();
  }

  Response approve(String user, String id) {
    return as(user)
        .postJson(
            "/api/v1/executions/" + id + "/approvals",
            "{\"decision\":\"APPROVE\",\"comment\":\"ok by " + user + "\"}");
  }

  JsonNode get(String id) {
    Response response = as("dave").get("/api/v1/executions/" + id);
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  List<JsonNode> auditOf(String id) {
    Response page = as("dave").get("/api/v1/audit?size=500&executionId=" + id);
    assertThat(page.status()).isEqualTo(HttpStatus.OK);
    return page.json().path("items").valueStream().toList();
  }

  static void assertProblem(Response response, HttpStatus status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void tier1SwitchoverNeedsTwoApprovalsAndIsAuditedInOrder() {
    Response created = as("alice").postJson("/api/v1/executions", TIER1);

    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    JsonNode request = created.json();
    String id = request.path("id").asString();
    assertThat(id).matches("EX-[0-9A-Z]{10}-[0-9A-Z]{8}");
    assertThat(created.headers().getLocation()).hasToString("/api/v1/executions/" + id);
    assertThat(request.path("state").asString()).isEqualTo("PENDING_APPROVAL");
    assertThat(request.path("type").asString()).isEqualTo("SWITCHOVER");
    assertThat(request.path("scope").path("kind").asString()).isEqualTo("RESOURCE");
    assertThat(request.path("scope").path("id").asString()).isEqualTo("orders-db");
    assertThat(request.path("targetSite").asString()).isEqualTo("site-b");
    assertThat(request.path("tier").asInt()).isEqualTo(1);
    assertThat(request.path("createdBy").asString()).isEqualTo("alice");
    assertThat(request.path("changeTicket").asString()).isEqualTo("CHG0012345");
    assertThat(request.path("approvalsRequired").asInt()).isEqualTo(2);
    assertThat(request.path("approvalsReceived").asInt()).isZero();
    assertThat(request.path("expiresAt").asString()).isNotBlank();
    assertThat(request.path("version").asLong()).isEqualTo(1);

    JsonNode afterBob = approve("bob", id).json();
    assertThat(afterBob.path("state").asString()).isEqualTo("PENDING_APPROVAL");
    assertThat(afterBob.path("approvalsReceived").asInt()).isEqualTo(1);

    Response afterCarol = approve("carol", id);
    assertThat(afterCarol.status()).isEqualTo(HttpStatus.OK);
    assertThat(afterCarol.json().path("state").asString()).isEqualTo("APPROVED");

    JsonNode stored = get(id);
    assertThat(stored.path("state").asString()).isEqualTo("APPROVED");
    assertThat(stored.path("approvalsReceived").asInt()).isEqualTo(2);
    assertThat(stored.path("version").asLong()).isEqualTo(3);
    assertThat(stored.path("approvals").valueStream().map(a -> a.path("actor").asString()))
        .containsExactly("bob", "carol");
    assertThat(stored.path("approvals").get(0).path("decision").asString()).isEqualTo("APPROVED");
    assertThat(stored.path("approvals").get(0).path("comment").asString()).isEqualTo("ok by bob");

    List<JsonNode> events = auditOf(id);
    assertThat(events)
        .extracting(e -> e.path("type").asString() + "/" + e.path("actor").asString())
        .containsExactly("REQUEST_CREATED/alice", "APPROVAL_GRANTED/bob", "APPROVAL_GRANTED/carol");
    assertThat(events.get(0).path("changeTicket").asString()).isEqualTo("CHG0012345");
    assertThat(events.get(1).path("details").path("state").asString())
        .isEqualTo("PENDING_APPROVAL");
    assertThat(events.get(2).path("details").path("state").asString()).isEqualTo("APPROVED");
    JsonNode verify = as("dave").get("/api/v1/audit/verify").json();
    assertThat(verify.path("valid").asBoolean()).isTrue();
  }

  @Test
  void concurrentApprovalsByTwoApproversAreEachCountedOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = createTier1();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (String approver : List.of("bob", "carol")) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return approve(approver, id);
                }));
      }
      go.countDown();
      for (Future<Response> answer : answers) {
        assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(HttpStatus.OK);
      }

      JsonNode stored = get(id);
      assertThat(stored.path("state").asString()).isEqualTo("APPROVED");
      assertThat(stored.path("approvalsReceived").asInt()).isEqualTo(2);
      long rows =
          jdbc.sql("select count(*) from execution_approval where execution_id = :id")
              .param("id", id)
              .query(Long.class)
              .single();
      assertThat(rows).isEqualTo(2);
      assertThat(auditOf(id))
          .filteredOn(e -> e.path("type").asString().equals("APPROVAL_GRANTED"))
          .extracting(e -> e.path("actor").asString())
          .containsExactlyInAnyOrder("bob", "carol");
    }
    assertThat(as("dave").get("/api/v1/audit/verify").json().path("valid").asBoolean()).isTrue();
  }

  @Test
  void requesterCannotApproveOwnRequestAndTheAttemptIsAudited() {
    String id = createTier1();

    Response denied = approve("alice", id);

    assertProblem(denied, HttpStatus.FORBIDDEN);
    assertThat(denied.json().path("rule").asString()).isEqualTo("ROLE_REQUIRED");
    assertThat(denied.json().path("detail").asString()).contains("alice", "APPROVER");
    assertThat(get(id).path("approvalsReceived").asInt()).isZero();
    assertThat(auditOf(id))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("ATTEMPT_DENIED");
              assertThat(e.path("actor").asString()).isEqualTo("alice");
              assertThat(e.path("details").path("action").asString()).isEqualTo("approve");
            });
  }

  @Test
  void oneApproverApprovingTwiceCountsOnce() {
    String id = createTier1();
    assertThat(approve("bob", id).status()).isEqualTo(HttpStatus.OK);

    Response again = approve("bob", id);

    assertProblem(again, HttpStatus.FORBIDDEN);
    assertThat(again.json().path("rule").asString()).isEqualTo("ONE_DECISION_PER_PERSON");
    JsonNode stored = get(id);
    assertThat(stored.path("approvalsReceived").asInt()).isEqualTo(1);
    assertThat(stored.path("state").asString()).isEqualTo("PENDING_APPROVAL");
    assertThat(auditOf(id))
        .filteredOn(e -> e.path("actor").asString().equals("bob"))
        .extracting(e -> e.path("type").asString())
        .containsExactly("APPROVAL_GRANTED", "ATTEMPT_DENIED");
  }

  @Test
  void viewerCannotRequestAnExecution() {
    Response denied = as("dave").postJson("/api/v1/executions", TIER1);

    assertProblem(denied, HttpStatus.FORBIDDEN);
    assertThat(denied.json().path("rule").asString()).isEqualTo("ROLE_REQUIRED");
    String draftId = denied.json().path("executionId").asString();
    assertThat(as("dave").get("/api/v1/executions/" + draftId).status())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(auditOf(draftId))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("ATTEMPT_DENIED");
              assertThat(e.path("actor").asString()).isEqualTo("dave");
              assertThat(e.path("details").path("action").asString()).isEqualTo("create");
            });
  }

  @Test
  void breakGlassNeedsJustificationAndIncidentThenApprovesWithTheFlag() {
    String id = createTier1();
    String path = "/api/v1/executions/" + id + "/break-glass";

    Response noJustification = as("erin").postJson(path, "{\"incidentRef\":\"INC42\"}");
    assertProblem(noJustification, HttpStatus.BAD_REQUEST);
    assertThat(noJustification.json().path("field").asString()).isEqualTo("justification");
    Response noIncident = as("erin").postJson(path, "{\"justification\":\"site down\"}");
    assertProblem(noIncident, HttpStatus.BAD_REQUEST);
    assertThat(noIncident.json().path("field").asString()).isEqualTo("incidentRef");
    String full = "{\"justification\":\"primary site down\",\"incidentRef\":\"INC42\"}";
    Response notBreakGlass = as("bob").postJson(path, full);
    assertProblem(notBreakGlass, HttpStatus.FORBIDDEN);
    assertThat(notBreakGlass.json().path("rule").asString()).isEqualTo("ROLE_REQUIRED");

    Response used = as("erin").postJson(path, full);

    assertThat(used.status()).isEqualTo(HttpStatus.OK);
    JsonNode request = used.json();
    assertThat(request.path("state").asString()).isEqualTo("APPROVED");
    assertThat(request.path("approvalsReceived").asInt()).isZero();
    assertThat(request.path("breakGlass").path("invokedBy").asString()).isEqualTo("erin");
    assertThat(request.path("breakGlass").path("incidentRef").asString()).isEqualTo("INC42");
    assertThat(request.path("needsPostIncidentReview").asBoolean()).isTrue();
    assertThat(auditOf(id))
        .extracting(e -> e.path("type").asString() + "/" + e.path("actor").asString())
        .contains("BREAK_GLASS_INVOKED/erin", "ATTEMPT_DENIED/bob");
  }

  @Test
  void rejectionNeedsACommentAndEndsTheRequest() {
    String id = createTier1();
    String path = "/api/v1/executions/" + id + "/approvals";

    Response bare = as("bob").postJson(path, "{\"decision\":\"REJECT\"}");
    assertProblem(bare, HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(bare.json().path("field").asString()).isEqualTo("comment");

    Response rejected =
        as("bob").postJson(path, "{\"decision\":\"reject\",\"comment\":\"not this week\"}");
    assertThat(rejected.json().path("state").asString()).isEqualTo("REJECTED");
    assertProblem(approve("carol", id), HttpStatus.CONFLICT);
  }

  @Test
  void onlyTheRequesterOrAnAdminCancels() {
    String id = createTier1();
    String path = "/api/v1/executions/" + id + "/cancel";

    Response byCarol = as("carol").postJson(path, "{\"reason\":\"mine now\"}");
    assertProblem(byCarol, HttpStatus.FORBIDDEN);

    Response byAlice = as("alice").postJson(path, "{\"reason\":\"window moved\"}");
    assertThat(byAlice.status()).isEqualTo(HttpStatus.OK);
    assertThat(byAlice.json().path("state").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void tier2RequestWithoutTicketNeedsOneApproval() {
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"DRILL\",\"resourceId\":\"reports-db\",\"reason\":\"quarterly\"}");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    JsonNode request = created.json();
    assertThat(request.path("targetSite").asString()).isEqualTo("site-d");
    assertThat(request.path("changeTicket").isNull()).isTrue();
    assertThat(request.path("approvalsRequired").asInt()).isEqualTo(1);

    Response approved = approve("carol", request.path("id").asString());
    assertThat(approved.json().path("state").asString()).isEqualTo("APPROVED");
  }

  @Test
  void groupRequestStoresTheRoleWord() {
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"FAILOVER\",\"groupId\":\"checkout\",\"changeTicket\":\"CHG1\","
                    + "\"reason\":\"region outage\"}");

    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.json().path("scope").path("kind").asString()).isEqualTo("GROUP");
    assertThat(created.json().path("targetSite").asString()).isEqualTo("dr");
    assertThat(created.json().path("tier").asInt()).isEqualTo(1);
  }

  @Test
  void listIsNewestFirstAndFiltersByStateAndResource() {
    String older = createTier1();
    String newer = createTier1();
    approve("bob", newer);
    approve("carol", newer);

    JsonNode approved =
        as("dave").get("/api/v1/executions?state=APPROVED&resourceId=orders-db&size=200").json();
    assertThat(approved.path("items").valueStream().map(e -> e.path("id").asString()))
        .contains(newer)
        .doesNotContain(older);
    JsonNode all = as("dave").get("/api/v1/executions?resourceId=orders-db&size=200").json();
    List<String> ids = all.path("items").valueStream().map(e -> e.path("id").asString()).toList();
    assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
    assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode none = as("dave").get("/api/v1/executions?resourceId=reports-db&state=RUNNING").json();
    assertThat(none.path("total").asLong()).isZero();
  }

  @Test
  void failedRequestIsRetriedAsANewRequestWithFreshApprovals() {
    String id = createTier1();
    approve("bob", id);
    approve("carol", id);
    failBehindTheApi(id);

    Response retried =
        as("alice")
            .postJson("/api/v1/executions/" + id + "/retry", "{\"reason\":\"disk replaced\"}");

    assertThat(retried.status()).isEqualTo(HttpStatus.CREATED);
    JsonNode retry = retried.json();
    assertThat(retry.path("id").asString()).isNotEqualTo(id);
    assertThat(retry.path("retryOf").asString()).isEqualTo(id);
    assertThat(retry.path("state").asString()).isEqualTo("PENDING_APPROVAL");
    assertThat(retry.path("approvalsReceived").asInt()).isZero();
    assertThat(get(id).path("state").asString()).isEqualTo("FAILED");
    assertProblem(
        as("alice").postJson("/api/v1/executions/" + retry.path("id").asString() + "/retry", "{}"),
        HttpStatus.CONFLICT);
  }

  /** Stands in for the execution engine, which does not exist yet: confirm, start, fail. */
  private void failBehindTheApi(String id) {
    ExecutionRequestSnapshot approved = repository.find(id).orElseThrow();
    ExecutionRequest request = ExecutionRequest.restore(approved);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    io.continuity.core.identity.Actor alice =
        io.continuity.core.identity.Actor.person(
            "alice", io.continuity.core.identity.Role.OPERATOR);
    request.presentConfirmation(alice, now);
    request.confirmStart(alice, now);
    request.run().fail("disk full on the standby", Optional.empty(), now);
    assertThat(
            repository.update(request.snapshot(), approved.version(), approved.approvals().size()))
        .isTrue();
  }
}

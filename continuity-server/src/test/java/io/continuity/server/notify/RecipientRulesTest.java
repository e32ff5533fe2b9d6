package io.continuity.server.notify;

import static io.continuity.server.notify.NotifyFixtures.DIRECTORY;
import static io.continuity.server.notify.NotifyFixtures.event;
import static io.continuity.server.notify.NotifyFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RecipientRulesTest {

  private final RecipientRules rules = new RecipientRules(DIRECTORY);

  private List<String> recipients(AuditRecord event, RequestParties parties) {
    return rules.recipients(event, Optional.ofNullable(parties));
  }

  @Test
  void requestWaitingForApprovalNotifiesEveryApproverButNotTheRequester() {
    AuditRecord created =
        event("REQUEST_CREATED", "alice", Map.of("state", "PENDING_APPROVAL", "tier", "1"));

    assertThat(recipients(created, request())).containsExactly("bob", "carol");
  }

  @Test
  void anOpenedWindowNotifiesTheRequesterAndTheOperatorsWhoMayConfirm() {
    AuditRecord opened =
        event(
            "EXECUTION_WINDOW_OPENED",
            "system:maintenance-window",
            Map.of("notBefore", "2030-01-04T08:00:00Z", "state", "APPROVED"));
    RequestParties byErin =
        new RequestParties(
            "erin", List.of("bob", "carol"), Optional.empty(), "SWITCHOVER", "orders-db", "west");

    assertThat(recipients(opened, byErin)).containsExactly("erin", "alice");
  }

  @Test
  void anOpenedScheduledDrillWindowNotifiesTheOperatorsNotTheSystem() {
    AuditRecord opened =
        event("EXECUTION_WINDOW_OPENED", "system:maintenance-window", Map.of("state", "APPROVED"));
    RequestParties scheduled =
        new RequestParties(
            "system:drill-schedule",
            List.of("bob"),
            Optional.empty(),
            "DRILL",
            "group checkout",
            "west");

    assertThat(recipients(opened, scheduled)).containsExactly("alice");
  }

  @Test
  void throttledSignInsAlertEveryAdmin() {
    AuditRecord throttled =
        event(
            "SIGN_IN_THROTTLED",
            "system:sign-in-throttle",
            Map.of("username", "admin", "clientAddress", "203.0.113.7"));

    assertThat(recipients(throttled, null)).containsExactly("admin");
  }

  @Test
  void requestThatNeedsNoApprovalNotifiesNobody() {
    AuditRecord created = event("REQUEST_CREATED", "alice", Map.of("state", "APPROVED"));

    assertThat(recipients(created, request())).isEmpty();
  }

  @Test
  void approverWhoRequestsIsNotToldAboutTheirOwnRequest() {
    AuditRecord created = event("REQUEST_CREATED", "bob", Map.of("state", "PENDING_APPROVAL"));

    assertThat(recipients(created, request())).containsExactly("carol");
  }

  @Test
  void failedPrechecksNotifyTheApproversAndTheRequester() {
    AuditRecord refused =
        event(
            "CONFIRMATION_REFUSED",
            "erin",
            Map.of("failed.orders-db/replication-lag", "lag 120 s over 60 s"));

    assertThat(recipients(refused, request("bob", "carol")))
        .containsExactly("bob", "carol", "alice");
  }

  @Test
  void refusalForAChangedPlanIsNotAPrecheckFailureAndNotifiesNobody() {
    AuditRecord refused =
        event("CONFIRMATION_REFUSED", "alice", Map.of("change.0", "primary moved to site-b"));

    assertThat(recipients(refused, request("bob", "carol"))).isEmpty();
  }

  @Test
  void theConfirmerWhosePrechecksFailedIsNotToldAboutTheirOwnAttempt() {
    AuditRecord refused =
        event("CONFIRMATION_REFUSED", "alice", Map.of("failed.orders-db/evidence", "stale"));

    assertThat(recipients(refused, request("bob"))).containsExactly("bob");
  }

  @Test
  void overrideNotifiesTheApproversAndTheRequesterButNotTheOverrider() {
    AuditRecord overridden =
        event(
            "PRECHECK_OVERRIDDEN",
            "carol",
            Map.of("check", "orders-db/replication-lag", "detail", "lag 120 s"));

    assertThat(recipients(overridden, request("bob", "carol"))).containsExactly("bob", "alice");
  }

  @Test
  void overrideWithoutApprovalsNotifiesEveryApprover() {
    AuditRecord overridden =
        event("PRECHECK_OVERRIDDEN", "erin", Map.of("check", "orders-db/replication-lag"));

    assertThat(recipients(overridden, request())).containsExactly("bob", "carol", "alice");
  }

  @Test
  void breakGlassNotifiesEveryApproverAndAdmin() {
    AuditRecord breakGlass = event("BREAK_GLASS_INVOKED", "erin", Map.of("incidentRef", "INC-1"));

    assertThat(recipients(breakGlass, request())).containsExactly("bob", "carol", "admin");
  }

  @Test
  void executionEndNotifiesRequesterApproversAndConfirmer() {
    RequestParties confirmedByErin =
        new RequestParties(
            "alice",
            List.of("bob", "carol"),
            Optional.of("erin"),
            "SWITCHOVER",
            "orders-db",
            "site-b");
    AuditRecord failed = event("EXECUTION_FAILED", "system:execution-engine", Map.of());
    AuditRecord succeeded = event("EXECUTION_SUCCEEDED", "system:execution-engine", Map.of());

    assertThat(recipients(failed, confirmedByErin))
        .containsExactly("bob", "carol", "alice", "erin");
    assertThat(recipients(succeeded, confirmedByErin))
        .containsExactly("bob", "carol", "alice", "erin");
  }

  @ParameterizedTest
  @CsvSource({"REQUEST_EXPIRED, system:approval-expiry", "APPROVAL_DENIED, bob"})
  void endsWithoutARunNotifyTheRequester(String type, String actor) {
    assertThat(recipients(event(type, actor, Map.of()), request("carol"))).containsExactly("alice");
  }

  static Stream<Arguments> notifyingEvents() {
    return Stream.of(
        Arguments.of("REQUEST_CREATED", Map.of("state", "PENDING_APPROVAL")),
        Arguments.of("CONFIRMATION_REFUSED", Map.of("failed.orders-db/lag", "behind")),
        Arguments.of("PRECHECK_OVERRIDDEN", Map.of("check", "orders-db/lag")),
        Arguments.of("BREAK_GLASS_INVOKED", Map.of()),
        Arguments.of("EXECUTION_FAILED", Map.of()),
        Arguments.of("EXECUTION_SUCCEEDED", Map.of()),
        Arguments.of("REQUEST_EXPIRED", Map.of()),
        Arguments.of("APPROVAL_DENIED", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notifyingEvents")
  void theActorIsNeverNotifiedOfTheirOwnAction(String type, Map<String, String> details) {
    RequestParties everyoneInvolved =
        new RequestParties(
            "alice",
            List.of("bob", "carol"),
            Optional.of("erin"),
            "SWITCHOVER",
            "orders-db",
            "site-b");
    for (String actor : List.of("alice", "bob", "carol", "erin", "admin")) {
      assertThat(recipients(event(type, actor, details), everyoneInvolved))
          .as("%s by %s", type, actor)
          .doesNotContain(actor);
    }
  }

  @ParameterizedTest
  @CsvSource({"APPROVAL_GRANTED", "STEP_STARTED", "ACCESS_DENIED", "INVENTORY_RELOADED"})
  void otherEventsNotifyNobody(String type) {
    assertThat(recipients(event(type, "bob", Map.of()), request("bob"))).isEmpty();
  }

  @Test
  void eventWhoseRequestIsUnknownStillReachesRoleBasedRecipients() {
    AuditRecord breakGlass = event("BREAK_GLASS_INVOKED", "erin", Map.of());
    AuditRecord failed = event("EXECUTION_FAILED", "system:execution-engine", Map.of());

    assertThat(recipients(breakGlass, null)).containsExactly("bob", "carol", "admin");
    assertThat(recipients(failed, null)).isEmpty();
  }
}

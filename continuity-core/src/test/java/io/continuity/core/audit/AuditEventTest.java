package io.continuity.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.inventory.Tier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");
  private static final ExecutionSubject ON_RESOURCE =
      new ExecutionSubject(
          "req-1", Optional.of("orders-db"), Optional.empty(), Optional.of("CHG-1"));
  private static final ExecutionSubject ON_GROUP =
      new ExecutionSubject("req-2", Optional.empty(), Optional.of("billing"), Optional.empty());

  @Test
  void auditFamilyIsClosed() {
    assertThat(AuditEvent.class.isSealed()).isTrue();
    assertThat(ExecutionAuditEvent.class.isSealed()).isTrue();
    assertThat(ExecutionAuditEvent.class.getPermittedSubclasses()).hasSize(17);
  }

  @Test
  void everyExecutionEventHasItsOwnUpperSnakeCaseTypeMatchingItsName() {
    List<String> expected =
        Arrays.stream(ExecutionAuditEvent.class.getPermittedSubclasses())
            .map(c -> c.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase())
            .toList();

    List<String> types = sampleOfEveryEvent().stream().map(AuditEvent::type).toList();

    assertThat(types).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
  }

  @Test
  void executionEventsCarryTheirSubject() {
    StepStarted started = new StepStarted(ON_RESOURCE, "system:execution-engine", AT, null, "s1");

    assertThat(started.executionId()).contains("req-1");
    assertThat(started.resourceId()).contains("orders-db");
    assertThat(started.changeTicket()).contains("CHG-1");
    assertThat(started.reason()).isEmpty();
  }

  @Test
  void detailsStartWithGroupAndKeepTheirOrder() {
    ApprovalGranted granted =
        new ApprovalGranted(ON_GROUP, "alice", AT, "ok", 1, 2, "PENDING_APPROVAL");

    assertThat(granted.details().keySet())
        .containsExactly("groupId", "approvalsReceived", "approvalsRequired", "state");
    assertThatThrownBy(() -> granted.details().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void subjectActsOnExactlyOneResourceOrGroup() {
    assertThatThrownBy(
            () ->
                new ExecutionSubject(
                    "req-1", Optional.of("db"), Optional.of("group"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one resource or one group");
  }

  @Test
  void eventNeedsAnActor() {
    assertThatThrownBy(() -> new ExecutionSucceeded(ON_RESOURCE, " ", AT, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void genericEventCopiesAnyEventFieldForField() {
    RequestCancelled cancelled =
        new RequestCancelled(ON_RESOURCE, "olivia", AT, "not needed", "APPROVED");

    GenericAuditEvent copy = GenericAuditEvent.of(cancelled);

    assertThat(copy.type()).isEqualTo("REQUEST_CANCELLED");
    assertThat(copy.actor()).isEqualTo("olivia");
    assertThat(copy.at()).isEqualTo(AT);
    assertThat(copy.executionId()).contains("req-1");
    assertThat(copy.resourceId()).contains("orders-db");
    assertThat(copy.reason()).isEqualTo("not needed");
    assertThat(copy.changeTicket()).contains("CHG-1");
    assertThat(copy.details()).isEqualTo(Map.of("fromState", "APPROVED"));
  }

  @Test
  void genericEventTypeMustBeUpperSnakeCase() {
    assertThatThrownBy(
            () ->
                new GenericAuditEvent(
                    "login denied",
                    "eve",
                    AT,
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    Optional.empty(),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upper snake case");
  }

  private static List<ExecutionAuditEvent> sampleOfEveryEvent() {
    var s = ON_RESOURCE;
    String a = "alice";
    return List.of(
        new RequestCreated(
            s,
            a,
            AT,
            "r",
            OperationType.DRILL,
            "dr",
            Tier.TIER_1,
            "PENDING_APPROVAL",
            2,
            Optional.empty()),
        new ApprovalGranted(s, a, AT, "", 1, 2, "PENDING_APPROVAL"),
        new ApprovalDenied(s, a, AT, "no"),
        new AttemptDenied(s, a, AT, "cannot", "approve", "ROLE_REQUIRED"),
        new RequestExpired(s, a, AT, "", "PENDING_APPROVAL", "REJECTED", AT),
        new ConfirmationPresented(s, a, AT, "", AT),
        new ExecutionStarted(s, a, AT, "", false, 2, 2),
        new StepStarted(s, a, AT, "", "x"),
        new StepCompleted(s, a, AT, "", "x"),
        new StepFailed(s, a, AT, "", "x"),
        new PrecheckResult(s, a, AT, "", "c", true),
        new PostcheckResult(s, a, AT, "", "c", false),
        new BreakGlassInvoked(s, a, AT, "why", "INC-1", 0, 2),
        new PostIncidentReviewed(s, a, AT, "ok", "bree"),
        new RequestCancelled(s, a, AT, "", "APPROVED"),
        new ExecutionSucceeded(s, a, AT, ""),
        new ExecutionFailed(s, a, AT, "boom", Optional.of("x")));
  }
}

package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.execution.ExecutionWindow;
import io.continuity.core.execution.OutsideWindowException;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Maintenance windows (decision 029) on a real store (H2 and PostgreSQL) with a clock the test
 * moves: approvals before the window, presentation and confirmation refused outside it, approvals
 * expiring with it (not with the policy's limits), and the opening recorded once across two
 * instances.
 */
class ExecutionWindowsStoreIT {

  static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  static final Instant OPENS = T0.plus(Duration.ofDays(3));
  static final Instant CLOSES = OPENS.plus(Duration.ofHours(4));
  static final Actor ALICE = Actor.person("alice", Role.OPERATOR);
  static final Actor BOB = Actor.person("bob", Role.APPROVER);
  static final Actor CAROL = Actor.person("carol", Role.APPROVER);
  static final Actor OSCAR = Actor.person("oscar", Role.OPERATOR);

  @TempDir static Path dir;

  TestStateStore store;
  ExecutionRequestsStoreIT.MutableClock clock = new ExecutionRequestsStoreIT.MutableClock(T0);
  ExecutionRequests requests;

  static Stream<String> stores() {
    return Stream.of("h2", "postgres");
  }

  void open(String kind) {
    store =
        kind.equals("h2")
            ? TestStateStore.h2(dir.resolve("w" + System.nanoTime()))
            : TestStateStore.postgres();
    PlatformTransactionManager tx = store.transactions();
    requests =
        new ExecutionRequests(
            new ExecutionRequestRepository(store.jdbc()),
            new AuditTrail(store.jdbc(), tx),
            new ExecutionRequestsStoreIT.OneResourceInventory(),
            ApprovalPolicy.defaults(),
            clock,
            tx,
            ApprovalWitness.NONE);
  }

  /** A second instance's view of the same store (its own beans, the same tables). */
  ExecutionWindows windows() {
    PlatformTransactionManager tx = store.transactions();
    return new ExecutionWindows(
        new ExecutionRequestRepository(store.jdbc()),
        new AuditTrail(store.jdbc(), tx),
        new ExecutionRequestsStoreIT.OneResourceInventory(),
        ApprovalPolicy.defaults(),
        null,
        clock,
        tx);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  ExecutionRequestSnapshot createWindowed() {
    return requests.create(
        new NewExecutionRequest(
            OperationType.SWITCHOVER,
            ExecutionScope.resource("orders-db"),
            Optional.empty(),
            Optional.of("CHG1"),
            "planned maintenance",
            Optional.of(new ExecutionWindow(OPENS, CLOSES))),
        ALICE);
  }

  List<AuditRecord> audit(String executionId) {
    return new AuditTrail(store.jdbc(), store.transactions())
        .find(new AuditQuery(executionId, null, null, null, null, 0, 500))
        .items();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void approvedBeforeTheWindowStartsOnlyInsideIt(String kind) {
    open(kind);
    ExecutionRequestSnapshot created = createWindowed();
    assertThat(created.window()).contains(new ExecutionWindow(OPENS, CLOSES));
    assertThat(requests.find(created.id()).orElseThrow().window())
        .as("the window is stored and read back")
        .contains(new ExecutionWindow(OPENS, CLOSES));

    requests.approve(created.id(), BOB, "ok");
    ExecutionRequestSnapshot approved = requests.approve(created.id(), CAROL, "ok");
    assertThat(approved.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(approved.expiresAt()).as("approvals expire with the window").contains(CLOSES);

    clock.set(T0.plus(Duration.ofDays(1)));
    assertThat(requests.expireDue())
        .as("the policy's 4 h start limit does not apply to a windowed request")
        .isZero();
    assertThatThrownBy(() -> requests.presentConfirmation(created.id(), OSCAR))
        .isInstanceOf(OutsideWindowException.class)
        .hasMessageContaining("maintenance window " + OPENS + " – " + CLOSES)
        .hasMessageContaining("opens at " + OPENS)
        .extracting(e -> ((OutsideWindowException) e).rule())
        .isEqualTo(RefusalRule.OUTSIDE_MAINTENANCE_WINDOW);
    assertThat(audit(created.id()))
        .as("the refusal is audited as a denied attempt")
        .anyMatch(
            r ->
                r.type().equals("ATTEMPT_DENIED")
                    && r.actor().equals("oscar")
                    && r.reason().contains("maintenance window"));

    clock.set(OPENS.plus(Duration.ofMinutes(5)));
    ExecutionRequestSnapshot ready = requests.presentConfirmation(created.id(), OSCAR);
    assertThat(ready.state()).isEqualTo(ExecutionState.READY_TO_START);
    ExecutionRequestSnapshot started =
        requests.confirmStart(created.id(), OSCAR, List.of(), () -> {});
    assertThat(started.state()).isEqualTo(ExecutionState.RUNNING);
    assertThat(started.confirmedBy()).contains("oscar");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void afterTheWindowNothingStartsAndTheApprovalsExpire(String kind) {
    open(kind);
    ExecutionRequestSnapshot approved = createWindowed();
    requests.approve(approved.id(), BOB, "ok");
    requests.approve(approved.id(), CAROL, "ok");
    ExecutionRequestSnapshot pending = createWindowed();
    requests.approve(pending.id(), BOB, "one of two");

    clock.set(T0.plus(Duration.ofHours(25)));
    assertThat(requests.expireDue())
        .as("the policy's 24 h approval limit does not apply either")
        .isZero();

    clock.set(OPENS.plus(Duration.ofHours(1)));
    ExecutionRequestSnapshot ready = requests.presentConfirmation(approved.id(), OSCAR);
    assertThat(ready.state()).isEqualTo(ExecutionState.READY_TO_START);

    clock.set(CLOSES);
    assertThatThrownBy(() -> requests.confirmStart(approved.id(), OSCAR, List.of(), () -> {}))
        .isInstanceOf(OutsideWindowException.class)
        .hasMessageContaining("closed at " + CLOSES);

    assertThat(requests.expireDue()).isEqualTo(2);
    assertThat(requests.find(approved.id()).orElseThrow().state())
        .isEqualTo(ExecutionState.CANCELLED);
    assertThat(requests.find(pending.id()).orElseThrow().state())
        .isEqualTo(ExecutionState.REJECTED);
    assertThat(audit(approved.id()))
        .anyMatch(
            r -> r.type().equals("REQUEST_EXPIRED") && r.reason().contains(CLOSES.toString()));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void theOpeningIsRecordedOnceAcrossInstances(String kind) {
    open(kind);
    ExecutionRequestSnapshot created = createWindowed();
    ExecutionRequestSnapshot cancelled = createWindowed();
    requests.cancel(cancelled.id(), ALICE, "not needed");
    ExecutionWindows first = windows();
    ExecutionWindows second = windows();

    assertThat(first.recordOpenings()).as("not open yet").isZero();
    clock.set(OPENS);
    assertThat(first.recordOpenings()).isEqualTo(1);
    assertThat(second.recordOpenings()).as("the other instance finds it recorded").isZero();
    assertThat(first.recordOpenings()).isZero();
    assertThat(first.openedAt(created.id())).contains(OPENS);
    assertThat(first.openedAt(cancelled.id())).as("an ended request is not opened").isEmpty();

    List<AuditRecord> opened =
        audit(created.id()).stream()
            .filter(r -> r.type().equals(ExecutionWindows.WINDOW_OPENED))
            .toList();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).actor()).isEqualTo("system:maintenance-window");
    assertThat(opened.get(0).details())
        .containsEntry("notBefore", OPENS.toString())
        .containsEntry("notAfter", CLOSES.toString())
        .containsEntry("state", "PENDING_APPROVAL");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aDrillOccurrenceIsRequestedOnceAcrossInstancesAndTheStoreEnforcesIt(String kind) {
    open(kind);
    NewExecutionRequest drill =
        new NewExecutionRequest(
            OperationType.DRILL,
            ExecutionScope.resource("orders-db"),
            Optional.empty(),
            Optional.empty(),
            "scheduled drill",
            Optional.of(new ExecutionWindow(OPENS, CLOSES)));
    String occurrence = "orders-db@" + OPENS;

    Optional<ExecutionRequestSnapshot> created = windows().scheduleDrill(drill, occurrence);
    assertThat(created).isPresent();
    assertThat(created.get().createdBy()).isEqualTo("system:drill-schedule");
    assertThat(created.get().state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(windows().scheduleDrill(drill, occurrence)).as("another instance").isEmpty();
    assertThat(windows().scheduleDrill(drill, "orders-db@" + CLOSES)).isPresent();

    ExecutionRequestSnapshot copy = requests.create(drill, ALICE);
    assertThatThrownBy(
            () ->
                new ExecutionRequestRepository(store.jdbc())
                    .insert(
                        new ExecutionRequestSnapshot(
                            copy.id() + "-dup",
                            copy.type(),
                            copy.scope(),
                            copy.targetSite(),
                            copy.tier(),
                            copy.createdBy(),
                            copy.createdAt(),
                            copy.changeTicket(),
                            copy.reason(),
                            copy.policy(),
                            copy.approvals(),
                            copy.state(),
                            copy.stateEnteredAt(),
                            copy.breakGlass(),
                            copy.retryOf(),
                            copy.presentedTo(),
                            copy.confirmedBy(),
                            copy.currentStep(),
                            copy.completedSteps(),
                            copy.failedChecks(),
                            copy.failure(),
                            copy.version(),
                            copy.window()),
                        Optional.of(occurrence)))
        .as("a racing second insert of the occurrence is refused by the unique key")
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

    requests.approve(created.get().id(), BOB, "ok");
    ExecutionRequestSnapshot approved = requests.approve(created.get().id(), CAROL, "ok");
    assertThat(approved.state())
        .as("a person approves; the system requester holds no role to do it")
        .isEqualTo(ExecutionState.APPROVED);
  }
}

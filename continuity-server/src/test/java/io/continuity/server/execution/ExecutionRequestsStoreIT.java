package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.audit.AuditVerifier;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link ExecutionRequests} on a real store (H2 and PostgreSQL) with a clock the test moves: rules
 * the demo users cannot reach over HTTP, expiry, and a many-approver race.
 */
class ExecutionRequestsStoreIT {

  static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  static final Actor ALICE = Actor.person("alice", Role.OPERATOR);

  @TempDir static Path dir;

  TestStateStore store;
  MutableClock clock = new MutableClock(T0);
  ExecutorService pool;

  static Stream<String> stores() {
    return Stream.of("h2", "postgres");
  }

  ExecutionRequests requests(String kind, ApprovalPolicy policy) {
    store =
        kind.equals("h2")
            ? TestStateStore.h2(dir.resolve("s" + System.nanoTime()))
            : TestStateStore.postgres();
    PlatformTransactionManager tx = store.transactions();
    return new ExecutionRequests(
        new ExecutionRequestRepository(store.jdbc()),
        new AuditTrail(store.jdbc(), tx),
        new OneResourceInventory(),
        policy,
        clock,
        tx,
        ApprovalWitness.NONE);
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (store != null) {
      store.close();
    }
  }

  ExecutionRequestSnapshot createTier1(ExecutionRequests requests, Actor requester) {
    return requests.create(
        new NewExecutionRequest(
            OperationType.SWITCHOVER,
            ExecutionScope.resource("orders-db"),
            Optional.empty(),
            Optional.of("CHG1"),
            "maintenance"),
        requester);
  }

  List<AuditRecord> audit(String executionId) {
    return new AuditTrail(store.jdbc(), store.transactions())
        .find(new AuditQuery(executionId, null, null, null, null, 0, 500))
        .items();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void requesterWhoIsAlsoAnApproverCannotApproveOwnRequest(String kind) {
    ExecutionRequests requests = requests(kind, ApprovalPolicy.defaults());
    Actor olga = Actor.person("olga", Role.OPERATOR, Role.APPROVER);
    ExecutionRequestSnapshot created = createTier1(requests, olga);

    assertThatThrownBy(() -> requests.approve(created.id(), olga, "fine"))
        .isInstanceOf(SeparationOfDutiesException.class)
        .extracting(e -> ((CommandRefusedException) e).rule())
        .isEqualTo(RefusalRule.REQUESTER_NEVER_APPROVES);

    assertThat(requests.find(created.id()).orElseThrow().version()).isEqualTo(1);
    assertThat(audit(created.id()))
        .extracting(r -> r.type() + "/" + r.actor() + "/" + r.details().get("rule"))
        .containsExactly(
            "REQUEST_CREATED/olga/null", "ATTEMPT_DENIED/olga/REQUESTER_NEVER_APPROVES");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pendingRequestExpiresAfterItsApprovalWindowAndLateApprovalsAreRefused(String kind) {
    ExecutionRequests requests = requests(kind, ApprovalPolicy.defaults());
    ExecutionRequestSnapshot created = createTier1(requests, ALICE);
    assertThat(requests.expireDue()).isZero();

    clock.set(T0.plus(Duration.ofHours(24)));
    assertThatThrownBy(
            () -> requests.approve(created.id(), Actor.person("bob", Role.APPROVER), "late"))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("closed");
    assertThat(requests.expireDue()).isEqualTo(1);

    ExecutionRequestSnapshot expired = requests.find(created.id()).orElseThrow();
    assertThat(expired.state()).isEqualTo(ExecutionState.REJECTED);
    assertThat(expired.approvalsReceived()).isZero();
    assertThat(requests.expireDue()).isZero();
    assertThat(audit(created.id()))
        .extracting(r -> r.type() + "/" + r.actor())
        .containsExactly(
            "REQUEST_CREATED/alice",
            "ATTEMPT_DENIED/bob",
            "REQUEST_EXPIRED/system:approval-expiry");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void fiveApproversAtOnceAreEachCountedOnce(String kind) throws Exception {
    ExecutionRequests requests =
        requests(kind, ApprovalPolicy.defaults().withApprovalsRequired(Tier.TIER_1, 5));
    pool = Executors.newFixedThreadPool(5);
    ExecutionRequestSnapshot created = createTier1(requests, ALICE);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ExecutionRequestSnapshot>> results = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Actor approver = Actor.person("approver-" + i, Role.APPROVER);
      results.add(
          pool.submit(
              () -> {
                go.await();
                return requests.approve(created.id(), approver, "ok");
              }));
    }
    go.countDown();
    for (Future<ExecutionRequestSnapshot> result : results) {
      assertThat(result.get().approvalsReceived()).isBetween(1, 5);
    }

    ExecutionRequestSnapshot approved = requests.find(created.id()).orElseThrow();
    assertThat(approved.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(approved.approvalsReceived()).isEqualTo(5);
    assertThat(approved.version()).isEqualTo(6);
    assertThat(audit(created.id()))
        .filteredOn(r -> r.type().equals("APPROVAL_GRANTED"))
        .extracting(r -> r.details().get("approvalsReceived"))
        .containsExactly("1", "2", "3", "4", "5");
    assertThat(new AuditVerifier(store.jdbc()).verify().valid()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aSaveOnAStaleVersionWritesNothing(String kind) {
    ExecutionRequests requests = requests(kind, ApprovalPolicy.defaults());
    ExecutionRequestSnapshot created = createTier1(requests, ALICE);
    requests.approve(created.id(), Actor.person("bob", Role.APPROVER), "ok");
    ExecutionRequestRepository repository = new ExecutionRequestRepository(store.jdbc());

    io.continuity.core.execution.ExecutionRequest stale =
        io.continuity.core.execution.ExecutionRequest.restore(created);
    stale.approve(Actor.person("carol", Role.APPROVER), "ok", T0);

    assertThat(repository.update(stale.snapshot(), created.version(), 0)).isFalse();
    ExecutionRequestSnapshot stored = repository.find(created.id()).orElseThrow();
    assertThat(stored.approvals()).extracting(a -> a.actor()).containsExactly("bob");
    assertThat(stored.version()).isEqualTo(2);
  }

  /** orders-db (tier 1, site-a primary, site-b DR), no groups. */
  static final class OneResourceInventory implements Inventory {
    private final Resource orders =
        new Resource(
            "orders-db",
            "Orders",
            Platform.SIMULATED,
            Tier.TIER_1,
            "test",
            "dba@example.com",
            new Site("site-a", SiteRole.PRIMARY, Map.of()),
            new Site("site-b", SiteRole.DR, Map.of()),
            ConnectorRef.none(),
            RpoPolicy.of(Duration.ofSeconds(30)),
            Optional.empty());

    @Override
    public List<Resource> resources() {
      return List.of(orders);
    }

    @Override
    public Optional<Resource> resource(String id) {
      return orders.id().equals(id) ? Optional.of(orders) : Optional.empty();
    }

    @Override
    public List<Group> groups() {
      return List.of();
    }

    @Override
    public Optional<Group> group(String id) {
      return Optional.empty();
    }

    @Override
    public String currentPrimarySite(String resourceId) {
      return resource(resourceId).orElseThrow(NoSuchElementException::new).primarySite().name();
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}

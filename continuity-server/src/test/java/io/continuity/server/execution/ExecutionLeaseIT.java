package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.execution.ExecutionDraft;
import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.core.inventory.Tier;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two runner instances (two lease managers, each with its own connection pool and instance id) on
 * one state store: exactly one holds an execution's lease and records steps, and a runner whose
 * fencing token is stale cannot write another step. On PostgreSQL (the multi-instance store) and on
 * H2.
 */
class ExecutionLeaseIT {

  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path dir;
  TestStateStore store;
  final ExecutionRequestsStoreIT.MutableClock clock = new ExecutionRequestsStoreIT.MutableClock(T0);
  ExecutorService pool = Executors.newFixedThreadPool(2);

  static Stream<String> stores() {
    return Stream.of("h2", "postgres");
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    if (store != null) {
      store.close();
    }
  }

  /** One server instance: its own pool to the store, its own instance id. */
  record Instance(ExecutionLeases leases, StepLog log) {}

  Instance instance(String owner) {
    var dataSource = store.newDataSource();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    ExecutionLeases leases =
        new ExecutionLeases(new ExecutionLeaseRepository(jdbc), owner, LEASE, clock);
    StepLog log =
        new StepLog(
            new StepLogRepository(jdbc),
            leases,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    return new Instance(leases, log);
  }

  String request(String kind) {
    store = kind.equals("h2") ? TestStateStore.h2(dir) : TestStateStore.postgres();
    ExecutionRequest request =
        ExecutionRequest.create(
            new ExecutionDraft(
                "EX-LEASE-" + kind,
                OperationType.SWITCHOVER,
                ExecutionScope.resource("db"),
                "west",
                Tier.TIER_2,
                Optional.empty(),
                "lease test"),
            Actor.person("alice", Role.OPERATOR),
            ApprovalPolicy.defaults(),
            T0);
    new ExecutionRequestRepository(store.jdbc()).insert(request.snapshot());
    return request.id();
  }

  static StepRecord step(String id, int seq, ExecutionLease lease) {
    return new StepRecord(
        id,
        seq,
        "step-" + seq,
        "db",
        seq - 1,
        T0,
        null,
        StepLogOutcome.STARTED,
        "",
        Map.of(),
        1,
        lease.token());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void twoInstancesRacingForOneExecutionExactlyOneHoldsTheLeaseAndRecordsSteps(String kind)
      throws Exception {
    String id = request(kind);
    Instance a = instance("instance-a");
    Instance b = instance("instance-b");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<ExecutionLease>>> races = new ArrayList<>();
    for (Instance instance : List.of(a, b)) {
      Callable<Optional<ExecutionLease>> race =
          () -> {
            go.await();
            return instance.leases().acquire(id);
          };
      races.add(pool.submit(race));
    }
    go.countDown();
    Optional<ExecutionLease> leaseA = races.get(0).get();
    Optional<ExecutionLease> leaseB = races.get(1).get();

    assertThat(leaseA.isPresent() ^ leaseB.isPresent()).as("exactly one lease").isTrue();
    ExecutionLease won = leaseA.orElseGet(leaseB::orElseThrow);
    Instance winner = leaseA.isPresent() ? a : b;
    Instance loser = leaseA.isPresent() ? b : a;
    winner.log().started(won, step(id, 1, won));
    ExecutionLease pretended = new ExecutionLease(id, loser.leases().owner(), won.token());
    assertThatThrownBy(() -> loser.log().started(pretended, step(id, 2, pretended)))
        .isInstanceOf(LeaseLostException.class);
    assertThat(loser.leases().acquire(id)).isEmpty();
    List<StepRecord> recorded = winner.log().list(id);
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).leaseToken()).isEqualTo(won.token());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aRunnerWhoseLeaseWasTakenOverCannotRecordAnotherStep(String kind) {
    String id = request(kind);
    Instance a = instance("instance-a");
    Instance b = instance("instance-b");
    ExecutionLease first = a.leases().acquire(id).orElseThrow();
    a.log().started(first, step(id, 1, first));
    assertThat(b.leases().acquire(id)).as("a live lease is not taken").isEmpty();

    clock.set(T0.plus(LEASE).plusSeconds(1));
    ExecutionLease second = b.leases().acquire(id).orElseThrow();

    assertThat(second.token()).isGreaterThan(first.token());
    assertThatThrownBy(
            () -> a.log().finished(first, 1, StepLogOutcome.SUCCEEDED, T0, "late", Map.of()))
        .isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> a.log().started(first, step(id, 2, first)))
        .isInstanceOf(LeaseLostException.class);
    assertThat(a.leases().renew(first)).isFalse();
    b.log().finished(second, 1, StepLogOutcome.INTERRUPTED, T0, "taken over", Map.of());
    List<StepRecord> recorded = b.log().list(id);
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).outcome()).isEqualTo(StepLogOutcome.INTERRUPTED);
    assertThat(recorded.get(0).output()).isEqualTo("taken over");
  }
}

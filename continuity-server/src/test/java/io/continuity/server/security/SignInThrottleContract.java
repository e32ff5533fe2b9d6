package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The sign-in throttle against a real store (H2 and PostgreSQL): counts shared through the store,
 * the pair blocked and not its neighbours, growing back-off, reset on success, and the audit events
 * it writes (one per pair and minute, with a count; the threshold crossing).
 */
abstract class SignInThrottleContract {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:05Z");
  static final SignInAttempt ALICE_FROM_2 =
      new SignInAttempt(SignInMechanism.BASIC, "alice", "127.0.0.2");
  static final SignInAttempt ALICE_FROM_3 =
      new SignInAttempt(SignInMechanism.BASIC, "alice", "127.0.0.3");
  static final ThrottleProperties PROPERTIES =
      new ThrottleProperties(
          3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(4));

  static final Duration TRUST_CLEAR_FOR = Duration.ofSeconds(1);

  TestStateStore store;
  MovableClock clock;
  AuditTrail audit;

  abstract TestStateStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    clock = new MovableClock(T0);
    audit = new AuditTrail(store.jdbc(), store.transactions());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** An instance of the throttle on its own connection pool, as a second server would have. */
  SignInThrottle instance() {
    DataSource pool = store.newDataSource();
    JdbcClient jdbc = JdbcClient.create(pool);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
    return new SignInThrottle(
        new AuthThrottleRepository(jdbc),
        new AuditTrail(jdbc, transactions),
        transactions,
        clock,
        PROPERTIES,
        TRUST_CLEAR_FOR);
  }

  List<AuditRecord> events(String type) {
    return audit.after(0, AuditQuery.MAX_SIZE).stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void failuresOnTwoInstancesAddUpAndBlockOnlyThatPair() {
    SignInThrottle one = instance();
    SignInThrottle two = instance();

    one.failed(ALICE_FROM_2, "bad credentials");
    two.failed(ALICE_FROM_2, "bad credentials");
    assertThat(one.check(ALICE_FROM_2).throttled()).isFalse();
    one.failed(ALICE_FROM_2, "bad credentials");

    SignInThrottle.Verdict blocked = two.check(ALICE_FROM_2);
    assertThat(blocked.throttled()).isTrue();
    assertThat(blocked.retryAfterSeconds()).isEqualTo(30);
    assertThat(two.check(ALICE_FROM_3).throttled()).isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(one.check(ALICE_FROM_2).throttled()).isFalse();
  }

  @Test
  void aPairSeenClearIsTrustedForAtMostTheTrustTimeAndAnythingRecordedHereForgetsIt() {
    SignInThrottle one = instance();
    SignInThrottle two = instance();
    assertThat(one.check(ALICE_FROM_2).throttled()).isFalse(); // read: clear, trusted for 1 s

    for (int i = 0; i < PROPERTIES.maxFailures(); i++) {
      two.failed(ALICE_FROM_2, "bad credentials"); // blocked through the other instance
    }
    assertThat(two.check(ALICE_FROM_2).throttled()).isTrue();
    // this instance still trusts its clear read, and for no longer than the trust time
    assertThat(one.check(ALICE_FROM_2).throttled()).isFalse();
    clock.advance(TRUST_CLEAR_FOR);
    assertThat(one.check(ALICE_FROM_2).throttled()).isTrue();

    // a failure recorded here forgets the trust at once: the next check reads the store
    assertThat(one.check(ALICE_FROM_3).throttled()).isFalse();
    for (int i = 0; i < PROPERTIES.maxFailures() - 1; i++) {
      two.failed(ALICE_FROM_3, "bad credentials");
    }
    one.failed(ALICE_FROM_3, "bad credentials");
    assertThat(one.check(ALICE_FROM_3).throttled()).isTrue();
  }

  @Test
  void withNoTrustTimeEveryCheckReadsTheStore() {
    SignInThrottle one =
        new SignInThrottle(
            new AuthThrottleRepository(JdbcClient.create(store.newDataSource())),
            audit,
            new DataSourceTransactionManager(store.newDataSource()),
            clock,
            PROPERTIES,
            Duration.ZERO);
    SignInThrottle two = instance();
    assertThat(one.check(ALICE_FROM_2).throttled()).isFalse();
    for (int i = 0; i < PROPERTIES.maxFailures(); i++) {
      two.failed(ALICE_FROM_2, "bad credentials");
    }
    assertThat(one.check(ALICE_FROM_2).throttled()).isTrue();
  }

  @Test
  void concurrentFailuresOfOnePairAreEachCounted() throws Exception {
    SignInThrottle one = instance();
    SignInThrottle two = instance();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        SignInThrottle throttle = i % 2 == 0 ? one : two;
        SignInAttempt attempt =
            new SignInAttempt(SignInMechanism.FORM, "user" + (i % 2), "127.0.0.9");
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  throttle.failed(attempt, "bad credentials");
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    // 4 failures each, threshold 3: one block each, and one failure counted into a new window.
    assertThat(events(SignInEvents.SIGN_IN_THROTTLED)).hasSize(2);
    assertThat(new AuthThrottleRepository(store.jdbc()).find("user0", "127.0.0.9").orElseThrow())
        .extracting(ThrottleState::failures, ThrottleState::strikes)
        .containsExactly(1, 1);
  }

  @Test
  void eachBlockAfterTheFirstLastsTwiceAsLong() {
    SignInThrottle throttle = instance();
    for (long expected : new long[] {30, 60, 120, 240, 240}) {
      for (int i = 0; i < 3; i++) {
        throttle.failed(ALICE_FROM_2, "bad credentials");
      }
      assertThat(throttle.check(ALICE_FROM_2).retryAfterSeconds()).isEqualTo(expected);
      clock.advance(Duration.ofSeconds(expected));
    }
  }

  @Test
  void aSuccessfulSignInForgetsThePairsFailuresAndReportsTheUnreportedOnes() {
    SignInThrottle throttle = instance();
    throttle.failed(ALICE_FROM_2, "bad credentials");
    throttle.failed(ALICE_FROM_2, "bad credentials");
    SignInThrottle.Verdict before = throttle.check(ALICE_FROM_2);
    assertThat(before.hadRecord()).isTrue();

    throttle.succeeded(ALICE_FROM_2, before.hadRecord());

    assertThat(throttle.check(ALICE_FROM_2).hadRecord()).isFalse();
    assertThat(events(SignInEvents.AUTHENTICATION_FAILED))
        .extracting(e -> e.details().get("failures"))
        .containsExactly("1", "1");
  }

  @Test
  void aFloodWritesOneFailureEventPerPairAndMinuteWithTheCount() {
    SignInThrottle throttle = instance();
    for (int i = 0; i < 2; i++) {
      throttle.failed(ALICE_FROM_2, "bad credentials");
    }
    for (int i = 0; i < 40; i++) {
      throttle.throttled(ALICE_FROM_2);
    }
    throttle.failed(ALICE_FROM_2, "bad credentials"); // third: blocks
    for (int i = 0; i < 40; i++) {
      throttle.throttled(ALICE_FROM_2);
    }
    clock.advance(Duration.ofMinutes(1));
    throttle.throttled(ALICE_FROM_2);

    List<AuditRecord> failed = events(SignInEvents.AUTHENTICATION_FAILED);
    assertThat(failed).hasSize(2);
    assertThat(failed.get(0).details())
        .containsEntry("username", "alice")
        .containsEntry("clientAddress", "127.0.0.2")
        .containsEntry("mechanism", "BASIC")
        .containsEntry("failures", "1");
    assertThat(failed.get(0).actor()).isEqualTo(SignInEvents.ANONYMOUS);
    assertThat(failed.get(1).details()).containsEntry("failures", "83");
    List<AuditRecord> throttled = events(SignInEvents.SIGN_IN_THROTTLED);
    assertThat(throttled).hasSize(1);
    assertThat(throttled.get(0).details())
        .containsEntry("username", "alice")
        .containsEntry("clientAddress", "127.0.0.2")
        .containsEntry("blockedForSeconds", "30");
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
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

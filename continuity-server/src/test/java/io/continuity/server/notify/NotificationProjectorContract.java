package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The projector on a real store, run by two "server instances" (each its own connection pool) at
 * once while events keep arriving: every notification is written exactly once, and every audit
 * event is projected by exactly one of them. Subclasses supply the store (H2 or PostgreSQL).
 */
abstract class NotificationProjectorContract {

  static final int EVENTS = 60;
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final List<NotifyProperties.Webhook> WEBHOOKS =
      List.of(new NotifyProperties.Webhook("ops", "http://127.0.0.1:9/hook", null));

  /** Per event: bob and carol (APPROVERs) by INBOX and EMAIL, and the webhook. */
  static final int ROWS_PER_EVENT = 5;

  TestStateStore store;
  ExecutorService pool;

  abstract TestStateStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    if (store != null) {
      store.close();
    }
  }

  /** One server instance's projector, on a connection pool of its own. */
  NotificationProjector instance() {
    DataSource pool = store.newDataSource();
    JdbcClient jdbc = JdbcClient.create(pool);
    NotificationPlanner planner =
        new NotificationPlanner(
            id -> Optional.empty(),
            NotifyFixtures.DIRECTORY,
            new NotificationText("http://localhost:8080"),
            true,
            WEBHOOKS);
    return new NotificationProjector(
        new AuditTrail(jdbc, new DataSourceTransactionManager(pool)),
        new NotificationRepository(jdbc),
        planner,
        new DataSourceTransactionManager(pool),
        Clock.fixed(T0, ZoneOffset.UTC),
        7);
  }

  static GenericAuditEvent requestCreated(int n) {
    return new GenericAuditEvent(
        "REQUEST_CREATED",
        "alice",
        T0.plusSeconds(n),
        Optional.of("EX-" + n),
        Optional.of("orders-db"),
        "drill " + n,
        Optional.empty(),
        Map.of("state", "PENDING_APPROVAL", "operation", "DRILL"));
  }

  @Test
  void twoInstancesProjectingAtOnceWriteEveryNotificationExactlyOnce() throws Exception {
    AuditTrail trail = new AuditTrail(store.jdbc(), store.transactions());
    NotificationRepository repository = new NotificationRepository(store.jdbc());
    List<NotificationProjector> instances = List.of(instance(), instance());
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch appended = new CountDownLatch(1);

    Future<?> appender =
        pool.submit(
            () -> {
              go.await();
              for (int n = 1; n <= EVENTS; n++) {
                trail.append(requestCreated(n));
              }
              appended.countDown();
              return null;
            });
    List<Future<Integer>> projected = new ArrayList<>();
    for (NotificationProjector projector : instances) {
      projected.add(
          pool.submit(
              () -> {
                go.await();
                int total = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline
                    && !(appended.getCount() == 0 && repository.cursor() == EVENTS)) {
                  total += projector.projectNext();
                }
                return total;
              }));
    }
    go.countDown();
    appender.get(60, TimeUnit.SECONDS);
    int first = projected.get(0).get(90, TimeUnit.SECONDS);
    int second = projected.get(1).get(90, TimeUnit.SECONDS);

    assertThat(repository.cursor()).isEqualTo(EVENTS);
    assertThat(first + second).as("each audit event projected by one instance").isEqualTo(EVENTS);
    JdbcClient jdbc = store.jdbc();
    assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single())
        .isEqualTo((long) EVENTS * ROWS_PER_EVENT);
    assertThat(
            jdbc.sql(
                    "select count(*) from (select audit_seq from notification group by audit_seq"
                        + " having count(*) <> :rows) wrong")
                .param("rows", ROWS_PER_EVENT)
                .query(Long.class)
                .single())
        .as("audit events with too few or too many notifications")
        .isZero();
    assertThat(
            jdbc.sql("select count(distinct audit_seq) from notification")
                .query(Long.class)
                .single())
        .isEqualTo(EVENTS);
  }

  @Test
  void projectingAgainAfterTheHeadWritesNothing() {
    AuditTrail trail = new AuditTrail(store.jdbc(), store.transactions());
    trail.append(requestCreated(1));
    NotificationProjector projector = instance();

    assertThat(projector.projectAll()).isEqualTo(1);
    assertThat(projector.projectAll()).isZero();
    assertThat(instance().projectAll()).isZero();
    assertThat(store.jdbc().sql("select count(*) from notification").query(Long.class).single())
        .isEqualTo(ROWS_PER_EVENT);
  }
}

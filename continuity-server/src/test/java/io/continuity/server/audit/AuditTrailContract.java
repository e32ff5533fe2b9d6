package io.continuity.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The behaviour every state store must show for the audit trail; subclasses supply the store (H2 or
 * PostgreSQL), so the same tests prove both.
 */
abstract class AuditTrailContract {

  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  TestStateStore store;
  AuditTrail trail;
  AuditVerifier verifier;

  abstract TestStateStore openStore();

  @BeforeEach
  void openStoreAndTrail() {
    store = openStore();
    trail = new AuditTrail(store.jdbc(), store.transactions());
    verifier = new AuditVerifier(store.jdbc());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static GenericAuditEvent event(String actor, int n) {
    return new GenericAuditEvent(
        "STEP_COMPLETED",
        actor,
        T0.plusSeconds(n),
        Optional.of("exec-" + (n % 3)),
        Optional.of("orders-db"),
        "step " + n + " done",
        Optional.of("CHG-" + n),
        Map.of("step", Integer.toString(n), "note", "ünïcødé ✓"));
  }

  @Test
  void chainIsValidAndLinkedAfterManyAppends() {
    List<AuditRecord> appended = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      appended.add(trail.append(event("alice", i)));
    }

    assertThat(appended)
        .extracting(AuditRecord::seq)
        .containsExactly(LongStream.rangeClosed(1, 25).boxed().toArray(Long[]::new));
    assertThat(appended.get(0).prevHash()).isEqualTo("0".repeat(64));
    for (int i = 1; i < appended.size(); i++) {
      assertThat(appended.get(i).prevHash()).isEqualTo(appended.get(i - 1).hash());
    }
    assertThat(verifier.verify()).isEqualTo(AuditVerification.intact(25));
  }

  @Test
  void followingTheTrailReturnsTheEventsAfterASeqInOrderUpToTheLimit() {
    List<AuditRecord> appended = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      appended.add(trail.append(event("alice", i)));
    }

    assertThat(trail.after(1, 3)).containsExactlyElementsOf(appended.subList(1, 4));
    assertThat(trail.after(4, 100)).containsExactly(appended.get(4));
    assertThat(trail.after(5, 100)).isEmpty();
    assertThatThrownBy(() -> trail.after(0, 0)).hasMessageContaining("limit must be between 1");
    assertThatThrownBy(() -> trail.after(-1, 1)).hasMessageContaining("seq must be 0 or more");
  }

  @Test
  void emptyTrailVerifiesAsValid() {
    assertThat(verifier.verify()).isEqualTo(AuditVerification.intact(0));
  }

  @Test
  void storedEventReadsBackAsAppendedAtMicrosecondPrecision() {
    Instant withNanos = Instant.parse("2024-05-01T10:15:30.123456789Z");
    GenericAuditEvent e =
        new GenericAuditEvent(
            "REQUEST_CREATED",
            "alice",
            withNanos,
            Optional.of("exec-1"),
            Optional.empty(),
            "",
            Optional.empty(),
            Map.of("b", "2", "a", "1"));

    AuditRecord stored = trail.append(e);
    AuditRecord read = trail.find(AuditQuery.all(10)).items().get(0);

    assertThat(read).isEqualTo(stored);
    assertThat(read.occurredAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
    assertThat(read.resourceId()).isNull();
    assertThat(read.changeTicket()).isNull();
    assertThat(read.details()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void storeRefusesUpdate() {
    trail.append(event("alice", 1));

    assertThatThrownBy(
            () -> store.jdbc().sql("update audit_event set reason = 'rewritten'").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThat(trail.find(AuditQuery.all(1)).items().get(0).reason()).isEqualTo("step 1 done");
  }

  @Test
  void storeRefusesDelete() {
    trail.append(event("alice", 1));
    trail.append(event("alice", 2));

    assertThatThrownBy(() -> store.jdbc().sql("delete from audit_event where seq = 1").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThat(trail.find(AuditQuery.all(10)).total()).isEqualTo(2);
  }

  @Test
  void storeRefusesTruncate() {
    trail.append(event("alice", 1));

    assertThatThrownBy(() -> store.jdbc().sql("truncate table audit_event").update())
        .isInstanceOf(DataAccessException.class);
    assertThat(trail.find(AuditQuery.all(10)).total()).isEqualTo(1);
  }

  @Test
  void verifyNamesFirstChangedEvent() {
    for (int i = 1; i <= 5; i++) {
      trail.append(event("alice", i));
    }

    store.tamper("update audit_event set reason = 'nothing happened' where seq = 3");

    AuditVerification result = verifier.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenSequence()).isEqualTo(3);
    assertThat(result.checked()).isEqualTo(2);
    assertThat(result.problem()).contains("sequence 3").contains("changed");
  }

  @Test
  void verifyNamesFirstEventWithChangedDetails() {
    for (int i = 1; i <= 4; i++) {
      trail.append(event("alice", i));
    }

    store.tamper("update audit_event set details = '{\"step\":\"99\"}' where seq = 2");

    assertThat(verifier.verify().firstBrokenSequence()).isEqualTo(2);
  }

  @Test
  void anAnchorKeptOutsideCatchesAChainCutBackConsistently() {
    for (int i = 1; i <= 5; i++) {
      trail.append(event("alice", i));
    }
    AuditAnchor anchor = trail.head();
    assertThat(anchor.seq()).isEqualTo(5);

    // Whoever can write the store removes the last three events and moves the head back with them.
    store.tamper(
        "update audit_head set last_seq = 2, last_hash = (select hash from audit_event where seq ="
            + " 2) where id = 1",
        "delete from audit_event where seq > 2");

    assertThat(verifier.verify().valid())
        .as("the chain alone cannot see a consistent cut")
        .isTrue();
    AuditVerification anchored = verifier.verify(anchor);
    assertThat(anchored.valid()).isFalse();
    assertThat(anchored.anchorHeld()).isFalse();
    assertThat(anchored.firstBrokenSequence()).isEqualTo(5);
    assertThat(anchored.problem()).contains("no event 5");
  }

  @Test
  void anAnchorTheChainStillHoldsVerifiesAndAForeignHashDoesNot() {
    for (int i = 1; i <= 3; i++) {
      trail.append(event("alice", i));
    }
    AuditAnchor anchor = trail.head();
    trail.append(event("bob", 4));

    AuditVerification held = verifier.verify(anchor);
    assertThat(held.valid()).isTrue();
    assertThat(held.anchorHeld()).isTrue();
    assertThat(held.anchor()).isEqualTo("seq 3 hash " + anchor.hash());
    AuditVerification foreign = verifier.verify(new AuditAnchor(3, "a".repeat(64)));
    assertThat(foreign.valid()).isFalse();
    assertThat(foreign.problem()).contains("event 3 does not have the anchored hash");
  }

  @Test
  void theAnchorLogWritesTheHeadOnceEachTimeItMoves(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("anchors.log");
    AuditAnchorLog anchors = new AuditAnchorLog(trail, file.toString(), Clock.systemUTC());
    trail.append(event("alice", 1));

    assertThat(anchors.writeIfMoved()).isEqualTo(trail.head());
    assertThat(anchors.writeIfMoved()).isNull();
    trail.append(event("alice", 2));
    AuditAnchor second = anchors.writeIfMoved();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).endsWith("seq 2 hash " + second.hash());
    assertThat(verifier.verify(second).anchorHeld()).isTrue();
  }

  @Test
  void verifyNamesGapLeftByDeletedEvent() {
    for (int i = 1; i <= 5; i++) {
      trail.append(event("alice", i));
    }

    store.tamper("delete from audit_event where seq = 2");

    AuditVerification result = verifier.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenSequence()).isEqualTo(2);
    assertThat(result.problem()).contains("sequence 2 is missing");
  }

  @Test
  void verifyNoticesEventsRemovedFromTheEnd() {
    for (int i = 1; i <= 5; i++) {
      trail.append(event("alice", i));
    }

    store.tamper(
        "update audit_head set last_seq = 4 where id = 1", "delete from audit_event where seq = 5");

    AuditVerification result = verifier.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenSequence()).isEqualTo(5);
    assertThat(result.checked()).isEqualTo(4);
  }

  @Test
  void appendsFromManyThreadsOnTwoInstancesKeepAGaplessValidChain() throws Exception {
    DataSource otherPool = store.newDataSource();
    AuditTrail otherInstance =
        new AuditTrail(JdbcClient.create(otherPool), new DataSourceTransactionManager(otherPool));
    int threads = 8;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditTrail target = t % 2 == 0 ? trail : otherInstance;
        String actor = "user" + t;
        work.add(
            () -> {
              for (int i = 0; i < perThread; i++) {
                target.append(event(actor, i));
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(work)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    int total = threads * perThread;
    AuditPage all = trail.find(new AuditQuery(null, null, null, null, null, 0, total));
    assertThat(all.total()).isEqualTo(total);
    assertThat(all.items())
        .extracting(AuditRecord::seq)
        .containsExactly(LongStream.rangeClosed(1, total).boxed().toArray(Long[]::new));
    assertThat(verifier.verify()).isEqualTo(AuditVerification.intact(total));
  }

  @Test
  void findFiltersAndPages() {
    for (int i = 1; i <= 9; i++) {
      trail.append(event(i <= 6 ? "alice" : "bob", i));
    }

    AuditPage exec1 = trail.find(new AuditQuery("exec-1", null, null, null, null, 0, 50));
    assertThat(exec1.items()).extracting(AuditRecord::seq).containsExactly(1L, 4L, 7L);

    AuditPage bob = trail.find(new AuditQuery(null, "orders-db", "bob", null, null, 0, 50));
    assertThat(bob.total()).isEqualTo(3);

    AuditPage window =
        trail.find(new AuditQuery(null, null, null, T0.plusSeconds(2), T0.plusSeconds(5), 0, 50));
    assertThat(window.items()).extracting(AuditRecord::seq).containsExactly(2L, 3L, 4L);

    AuditPage secondPage = trail.find(new AuditQuery(null, null, null, null, null, 1, 4));
    assertThat(secondPage.items()).extracting(AuditRecord::seq).containsExactly(5L, 6L, 7L, 8L);
    assertThat(secondPage.total()).isEqualTo(9);
    assertThat(secondPage.page()).isEqualTo(1);
    assertThat(secondPage.size()).isEqualTo(4);
  }

  @Test
  void eventWithoutActorNeverReachesTheTrail() {
    assertThatThrownBy(() -> trail.append(GenericAuditEvent.of("LOGIN", " ", T0, "", Map.of())))
        .hasMessageContaining("actor must not be blank");
    assertThat(verifier.verify().checked()).isZero();
  }
}

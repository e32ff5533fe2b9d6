package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and reload decisions of the reconciler on a real (H2) store, without a web server. */
class InventoryReconcilerIT {

  @TempDir Path dir;

  private TestStateStore store;
  private final List<Object> published = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void openStore() {
    store = TestStateStore.h2(dir.resolve("db"));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private InventoryReconciler reconciler(String... files) {
    InventoryProperties properties = new InventoryProperties(List.of(files));
    return new InventoryReconciler(
        new InventoryLoader(properties),
        properties,
        new InventoryRepository(store.jdbc()),
        audit(),
        store.transactions(),
        clock,
        published::add);
  }

  private InventoryReconciler reconciler(ExecutionsInFlight executions, String... files) {
    InventoryProperties properties = new InventoryProperties(List.of(files));
    return new InventoryReconciler(
        new InventoryLoader(properties),
        properties,
        new InventoryRepository(store.jdbc()),
        audit(),
        store.transactions(),
        clock,
        published::add,
        () -> executions);
  }

  private AuditTrail audit() {
    return new AuditTrail(store.jdbc(), store.transactions());
  }

  private List<String> auditTypes() {
    return audit().find(AuditQuery.all(500)).items().stream().map(AuditRecord::type).toList();
  }

  private String file(String content) {
    return InventoryTestFiles.write(dir, "inventory.yaml", content).toString();
  }

  @Test
  void badFileWithNothingStoredRefusesToStartListingEveryError() {
    String file = file(InventoryTestFiles.withLine(4, "    platform: oracle"));

    assertThatThrownBy(() -> reconciler(file).startUp())
        .isInstanceOf(InvalidInventoryException.class)
        .hasMessageContaining(file + ":4: resources[0].platform: unknown platform 'oracle'");
  }

  @Test
  void anInstanceSharingTheStoreSeesAnotherInstancesReloadOnItsNextRefresh() {
    String file = file(InventoryTestFiles.valid());
    InventoryReconciler first = reconciler(file);
    first.startUp();
    InventoryReconciler second = reconciler(file);
    second.startUp();
    assertThat(second.refreshIfStale()).isFalse();

    file(InventoryTestFiles.withLine(11, "    rpo: { target: 90s }"));
    assertThat(first.reload("admin").ok()).isTrue();

    assertThat(second.snapshot().resource("orders-db").orElseThrow().rpo().target())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(second.refreshIfStale()).isTrue();
    assertThat(second.snapshot().resource("orders-db").orElseThrow().rpo().target())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(second.refreshIfStale()).isFalse();
  }

  @Test
  void badFileAfterAGoodOneStartsWithTheStoredInventoryAndReportsTheErrors() {
    String file = file(InventoryTestFiles.valid());
    reconciler(file).startUp();
    file(InventoryTestFiles.withLine(11, "    rpo: { target: soon }"));

    InventoryReconciler restarted = reconciler(file);
    assertThat(restarted.startUp()).isEmpty();

    assertThat(restarted.snapshot().resources()).containsOnlyKeys("orders-db");
    InventoryStatus status = restarted.status();
    assertThat(status.lastReload().orElseThrow().ok()).isFalse();
    assertThat(status.lastReload().orElseThrow().errors())
        .anySatisfy(e -> assertThat(e.fieldPath()).isEqualTo("resources[0].rpo.target"));
    assertThat(auditTypes()).endsWith("INVENTORY_RELOAD_REFUSED");
  }

  @Test
  void startUpWithUnchangedFilesAddsNoAuditEventButAnnouncesTheInventory() {
    String file = file(InventoryTestFiles.valid());
    reconciler(file).startUp();
    int events = auditTypes().size();

    InventoryReconciler restarted = reconciler(file);
    assertThat(restarted.startUp())
        .hasValueSatisfying(c -> assertThat(c.diff().isEmpty()).isTrue());

    assertThat(auditTypes()).hasSize(events);
    assertThat(restarted.snapshot().groups()).containsOnlyKeys("checkout");
  }

  @Test
  void noConfiguredFileDoesNotRemoveAStoredInventory() {
    String file = file(InventoryTestFiles.valid());
    reconciler(file).startUp();

    InventoryReconciler unconfigured = reconciler();
    unconfigured.startUp();
    ReloadOutcome outcome = unconfigured.reload("admin");

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.errors().get(0).message()).contains("no inventory file is configured");
    assertThat(unconfigured.snapshot().resources()).containsOnlyKeys("orders-db");
  }

  @Test
  void aCancellationThatFailsRefusesTheWholeReloadAndRollsTheOthersBack() {
    String file = file(InventoryTestFiles.valid());
    AuditTrail audit = audit();
    ExecutionsInFlight twoPending =
        new ExecutionsInFlight() {
          @Override
          public List<InFlightExecution> list() {
            return List.of(pending("EX-1"), pending("EX-2"));
          }

          @Override
          public void cancel(String executionId, Actor actor, String reason) {
            if (executionId.equals("EX-2")) {
              throw new IllegalStateException("EX-2 is RUNNING now");
            }
            audit.append(
                GenericAuditEvent.of(
                    "REQUEST_CANCELLED", actor.id(), clock.instant(), reason, Map.of()));
          }
        };
    InventoryReconciler reconciler = reconciler(twoPending, file);
    reconciler.startUp();
    file("resources: []\n");

    ReloadOutcome outcome = reconciler.reload(Actor.person("admin", Role.ADMIN), true);

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.errors().get(0).message())
        .contains("execution EX-2 could not be cancelled (EX-2 is RUNNING now)");
    assertThat(auditTypes())
        .doesNotContain("REQUEST_CANCELLED")
        .endsWith("INVENTORY_RELOAD_REFUSED");
    assertThat(reconciler.snapshot().resources()).containsOnlyKeys("orders-db");
  }

  private static InFlightExecution pending(String id) {
    return new InFlightExecution(id, ExecutionState.APPROVED, ExecutionScope.resource("orders-db"));
  }

  @Test
  void renamedSitesResetTheCurrentPrimaryAndSayItInTheAudit() {
    String file = file(InventoryTestFiles.valid());
    InventoryReconciler reconciler = reconciler(file);
    reconciler.startUp();
    reconciler.recordRoleChange("orders-db", "site-b", "exec-1");
    assertThat(reconciler.snapshot().currentPrimarySites()).containsEntry("orders-db", "site-b");
    file(InventoryTestFiles.valid().replace("site-a", "site-c").replace("site-b", "site-d"));

    ReloadOutcome outcome = reconciler.reload("admin");

    assertThat(outcome.diff().orElseThrow().changedResources()).containsExactly("orders-db");
    assertThat(reconciler.snapshot().currentPrimarySites()).containsEntry("orders-db", "site-c");
    AuditRecord changed =
        audit().find(AuditQuery.all(500)).items().stream()
            .filter(e -> e.type().equals("RESOURCE_CHANGED"))
            .findFirst()
            .orElseThrow();
    assertThat(changed.details()).containsEntry("currentPrimarySiteReset", "site-b -> site-c");
    assertThat(published).last().isInstanceOf(InventoryChanged.class);
  }

  @Test
  void roleChangeToAForeignSiteIsRefused() {
    InventoryReconciler reconciler = reconciler(file(InventoryTestFiles.valid()));
    reconciler.startUp();

    assertThatThrownBy(() -> reconciler.recordRoleChange("orders-db", "elsewhere", "exec-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("site-a and site-b");
  }
}

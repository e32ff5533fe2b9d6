package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reloads would pull a resource out from under an execution, and where to point. */
class ReloadGuardTest {

  private final InventoryParser parser = new InventoryParser();

  private InventoryDocument parse(String yaml) {
    return parser.parseSources(List.of(new InventorySource("inv.yaml", yaml))).orElseThrow();
  }

  private static String resource(String id, String sites, String target) {
    return String.join(
            "\n",
            "  - id: " + id,
            "    name: " + id,
            "    platform: simulated",
            "    tier: 2",
            "    environment: test",
            "    owner: dba@example.com",
            "    sites: { " + sites + " }",
            "    rpo: { target: " + target + " }")
        + "\n";
  }

  private static final String AB = "primary: a, dr: b";

  private static InFlightExecution running(String id, String resource) {
    return new InFlightExecution(id, ExecutionState.RUNNING, ExecutionScope.resource(resource));
  }

  private static InFlightExecution pending(String id, String resource) {
    return new InFlightExecution(
        id, ExecutionState.PENDING_APPROVAL, ExecutionScope.resource(resource));
  }

  private final InventoryDocument current =
      parse(
          "resources:\n"
              + resource("busy", AB, "30s")
              + resource("idle", AB, "30s")
              + "groups:\n"
              + "  - id: pair\n"
              + "    name: Pair\n"
              + "    tier: 2\n"
              + "    members: [busy, idle]\n");

  @Test
  void removingAResourceWithARunningExecutionIsRefused() {
    InventoryDocument next = parse("resources:\n" + resource("idle", AB, "30s"));

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, List.of(running("EX-1", "busy")), true, "inv.yaml");

    assertThat(verdict.toCancel()).isEmpty();
    assertThat(verdict.errors())
        .extracting(InventoryError::toString)
        .contains(
            "inv.yaml: resources: resource 'busy' has execution EX-1 in state RUNNING: wait for"
                + " it to end or cancel it; this reload removes the resource. Nothing was"
                + " changed.");
  }

  @Test
  void changingSitesOfABusyResourceIsRefusedAtItsLine() {
    InventoryDocument next =
        parse(
            "resources:\n"
                + resource("busy", "primary: a, dr: c", "30s")
                + resource("idle", AB, "30s")
                + "groups:\n"
                + "  - id: pair\n"
                + "    name: Pair\n"
                + "    tier: 2\n"
                + "    members: [busy, idle]\n");

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, List.of(running("EX-1", "busy")), false, "inv.yaml");

    assertThat(verdict.errors()).hasSize(1);
    InventoryError error = verdict.errors().get(0);
    assertThat(error.file()).isEqualTo("inv.yaml");
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.fieldPath()).isEqualTo("resources[0]");
    assertThat(error.message()).contains("this reload changes its sites");
  }

  @Test
  void atStartUpSettingsMayChangeUnderARunButTheResourceMayNotGo() {
    InventoryDocument resited =
        parse(
            "resources:\n"
                + resource("busy", "primary: a, dr: c", "30s")
                + resource("idle", AB, "30s")
                + "groups:\n"
                + "  - id: pair\n"
                + "    name: Pair\n"
                + "    tier: 2\n"
                + "    members: [busy, idle]\n");
    InventoryDocument removed = parse("resources:\n" + resource("idle", AB, "30s"));
    List<InFlightExecution> inFlight = List.of(running("EX-1", "busy"));

    assertThat(ReloadGuard.check(current, resited, inFlight, false, "inv.yaml", false).errors())
        .isEmpty();
    assertThat(ReloadGuard.check(current, removed, inFlight, false, "inv.yaml", false).errors())
        .isNotEmpty();
  }

  @Test
  void removingABusyResourceFromAGroupIsRefusedAtTheGroupsMembers() {
    InventoryDocument next =
        parse(
            "resources:\n"
                + resource("busy", AB, "30s")
                + resource("idle", AB, "30s")
                + "groups:\n"
                + "  - id: pair\n"
                + "    name: Pair\n"
                + "    tier: 2\n"
                + "    members: [idle]\n");

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, List.of(running("EX-1", "busy")), false, "inv.yaml");

    assertThat(verdict.errors()).hasSize(1);
    assertThat(verdict.errors().get(0).fieldPath()).isEqualTo("groups[0].members");
    assertThat(verdict.errors().get(0).line()).isEqualTo(19);
    assertThat(verdict.errors().get(0).message()).contains("removes it from group 'pair'");
  }

  @Test
  void aGroupExecutionProtectsItsMembers() {
    InventoryDocument next = parse("resources:\n" + resource("busy", AB, "30s"));
    InFlightExecution groupRun =
        new InFlightExecution("EX-9", ExecutionState.RUNNING, ExecutionScope.group("pair"));

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, List.of(groupRun), false, "inv.yaml");

    assertThat(verdict.errors())
        .extracting(InventoryError::message)
        .anyMatch(m -> m.startsWith("resource 'idle' has execution EX-9 in state RUNNING"))
        .anyMatch(m -> m.contains("resource 'busy'") && m.contains("removes group 'pair'"));
  }

  @Test
  void changingThePlatformOfABusyResourceIsRefused() {
    String next =
        "resources:\n"
            + resource("busy", AB, "30s").replace("platform: simulated", "platform: postgresql")
            + resource("idle", AB, "30s")
            + "groups:\n"
            + "  - id: pair\n"
            + "    name: Pair\n"
            + "    tier: 2\n"
            + "    members: [busy, idle]\n";

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(
            current, parse(next), List.of(running("EX-1", "busy")), false, "inv.yaml");

    assertThat(verdict.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("this reload changes its platform"));
  }

  @Test
  void harmlessChangesPassEvenWhileRunning() {
    InventoryDocument next =
        parse(
            "resources:\n"
                + resource("busy", AB, "5m")
                + resource("idle", AB, "30s")
                + resource("new", AB, "30s")
                + "groups:\n"
                + "  - id: pair\n"
                + "    name: Pair\n"
                + "    tier: 2\n"
                + "    members: [busy, idle]\n");

    ReloadGuard.Verdict verdict =
        ReloadGuard.check(current, next, List.of(running("EX-1", "busy")), false, "inv.yaml");

    assertThat(verdict.errors()).isEmpty();
    assertThat(verdict.toCancel()).isEmpty();
  }

  @Test
  void aPendingRequestRefusesUnlessAskedToCancelIt() {
    InventoryDocument next = parse("resources:\n" + resource("idle", AB, "30s"));
    List<InFlightExecution> inFlight = List.of(pending("EX-2", "busy"));

    ReloadGuard.Verdict refused = ReloadGuard.check(current, next, inFlight, false, "inv.yaml");
    ReloadGuard.Verdict cancelling = ReloadGuard.check(current, next, inFlight, true, "inv.yaml");

    assertThat(refused.errors())
        .extracting(InventoryError::message)
        .anyMatch(m -> m.contains("PENDING_APPROVAL") && m.contains("cancelPending=true"));
    assertThat(cancelling.errors()).isEmpty();
    assertThat(cancelling.toCancel()).containsExactly(pending("EX-2", "busy"));
  }

  @Test
  void nothingIsCancelledWhenARunningExecutionRefusesTheReload() {
    InventoryDocument next = parse("resources:\n");
    List<InFlightExecution> inFlight = List.of(running("EX-1", "busy"), pending("EX-2", "idle"));

    ReloadGuard.Verdict verdict = ReloadGuard.check(current, next, inFlight, true, "inv.yaml");

    assertThat(verdict.errors()).isNotEmpty();
    assertThat(verdict.toCancel()).isEmpty();
  }
}

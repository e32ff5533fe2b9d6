package io.continuity.server.execution;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.CapabilityStatus;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationType;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The checks that must pass before a confirmed request may start, per member resource: a connector
 * with the capability available (and not disabled by configuration), the primary monitoring
 * observes being the one the inventory records, fresh evidence, lag within bounds for a switchover,
 * no other execution running on it, and no run that ended within the cool-down unless the confirmer
 * acknowledges it. Each check says what it saw; a failed check policy lets an approver override is
 * marked overridable ({@link PrecheckOverrides}).
 */
@Component
class Prechecks {

  private final ExecutionPlanner planner;
  private final EvidenceReader evidence;
  private final ExecutionRunRepository runs;
  private final ExecutionRequests requests;
  private final ExecutionEngineProperties properties;
  private final Clock clock;
  private final ExecutionDoubts doubts;

  Prechecks(
      ExecutionPlanner planner,
      EvidenceReader evidence,
      ExecutionRunRepository runs,
      ExecutionRequests requests,
      ExecutionEngineProperties properties,
      Clock clock,
      ExecutionDoubts doubts) {
    this.doubts = doubts;
    this.planner = planner;
    this.evidence = evidence;
    this.runs = runs;
    this.requests = requests;
    this.properties = properties;
    this.clock = clock;
  }

  /** Every check on every member of the request, now. */
  List<CheckResult> run(ExecutionRequestSnapshot request, boolean acknowledgeCooldown) {
    List<CheckResult> results = new ArrayList<>();
    List<String> members = planner.memberIds(request);
    if (members.isEmpty()) {
      results.add(
          CheckResult.fail(
              "plan", request.scope().id(), "the group has no members in the inventory now"));
    }
    Map<String, String> holders = runs.holders(members);
    Optional<RecoveryLinkRepository.RecoveryLink> recovery = planner.recoveryOf(request.id());
    java.util.Set<String> resumed = resumed(recovery);
    for (String member : members) {
      results.add(capability(member, request.type()));
      evidence
          .read(member)
          .ifPresentOrElse(
              e -> {
                results.add(fresh(e));
                if (request.type() == OperationType.SWITCHOVER) {
                  results.add(lag(e));
                }
              },
              () ->
                  results.add(
                      CheckResult.fail(
                          "evidence-fresh", member, member + " is not in the inventory")));
      results.add(
          doubts
              .of(member)
              .map(d -> inDoubt(member, d))
              .orElseGet(
                  () ->
                      resumed.contains(member)
                          ? TopologyCheck.forResume(
                              member,
                              planner.currentPrimary(member),
                              evidence.observedPrimary(member))
                          : topology(member, request.type())));
      String holder = holders.get(member);
      results.add(
          holder == null || holder.equals(request.id())
              ? CheckResult.pass("no-concurrent-run", member, "no other execution is running")
              : CheckResult.fail(
                  "no-concurrent-run",
                  member,
                  "execution "
                      + holder
                      + " is running on "
                      + member
                      + "; wait for it to end (one execution at a time per resource)"));
      results.add(
          recovery.isPresent()
              ? recoveryCurrent(member, request.id(), recovery.get())
              : cooldown(member, request.id(), acknowledgeCooldown));
    }
    return results.stream()
        .map(
            c ->
                !c.passed() && properties.overridablePrechecks().contains(c.id())
                    ? c.asOverridable()
                    : c)
        .toList();
  }

  /** The members whose old primary a roll-back starts again. */
  private java.util.Set<String> resumed(Optional<RecoveryLinkRepository.RecoveryLink> recovery) {
    if (recovery.isEmpty() || recovery.get().option() != RecoveryOption.ROLL_BACK) {
      return java.util.Set.of();
    }
    try {
      return planner.recoveryActions(recovery.get().recoversId(), RecoveryOption.ROLL_BACK).stream()
          .filter(a -> a.action() == RecoveryActions.Action.RESUME_PRIMARY)
          .map(RecoveryActions.MemberAction::resourceId)
          .collect(java.util.stream.Collectors.toSet());
    } catch (PlanningException e) {
      return java.util.Set.of();
    }
  }

  private CheckResult capability(String member, OperationType type) {
    Capability needed = type.requiredCapability();
    if (properties.disabledFor(member).contains(needed)) {
      return CheckResult.fail(
          "capability",
          member,
          needed
              + " is disabled for "
              + member
              + " by continuity.execution.disabled-capabilities."
              + member);
    }
    Connector connector;
    try {
      connector = planner.connector(member);
    } catch (PlanningException e) {
      return CheckResult.fail("capability", member, e.getMessage());
    }
    CapabilityStatus status = connector.capabilities().status(needed);
    return status.available()
        ? CheckResult.pass("capability", member, needed + " is available")
        : CheckResult.fail(
            "capability",
            member,
            needed + " is unavailable for " + member + ": " + status.reason());
  }

  /**
   * The last execution on the resource left a step in an unknown state: its roles are not known for
   * sure until a person has checked and acknowledged it (never overridable: it is a topology
   * check).
   */
  private static CheckResult inDoubt(String member, ExecutionDoubt doubt) {
    return CheckResult.fail(
        "topology",
        member,
        doubt.summary()
            + ": the roles of "
            + member
            + " are not known for sure. Check the resource by hand, then acknowledge it"
            + " (POST /api/v1/executions/"
            + doubt.executionId()
            + "/acknowledge or the button on the resource page), then confirm again");
  }

  private CheckResult topology(String member, OperationType type) {
    return TopologyCheck.of(
        member, type, planner.currentPrimary(member), evidence.observedPrimary(member));
  }

  private static CheckResult fresh(ResourceEvidence e) {
    if (e.observedAt() == null) {
      return CheckResult.fail(
          "evidence-fresh",
          e.resourceId(),
          "no evidence of "
              + e.resourceId()
              + " at all: monitoring must observe it before anything runs");
    }
    String seen =
        "evidence is "
            + Human.duration(Duration.ofSeconds(e.ageSeconds()))
            + " old (limit "
            + Human.duration(Duration.ofSeconds(e.maxAgeSeconds()))
            + "), visibility "
            + e.visibility();
    return e.stale()
        ? CheckResult.fail(
            "evidence-fresh",
            e.resourceId(),
            seen + ": wait for fresh evidence (check monitoring and connectivity)")
        : CheckResult.pass("evidence-fresh", e.resourceId(), seen);
  }

  private CheckResult lag(ResourceEvidence e) {
    Long bytes = e.lagBytes();
    Optional<Duration> time = e.lagTime();
    if (bytes == null && time.isEmpty()) {
      return CheckResult.fail(
          "replication-lag", e.resourceId(), "lag unknown: a switchover needs a measured lag");
    }
    List<String> over = new ArrayList<>();
    if (bytes != null && bytes > properties.maxSwitchoverLagBytes()) {
      over.add(bytes + " bytes > " + properties.maxSwitchoverLagBytes());
    }
    if (time.isPresent() && time.get().compareTo(properties.maxSwitchoverLagSeconds()) > 0) {
      over.add(
          Human.duration(time.get())
              + " > "
              + Human.duration(properties.maxSwitchoverLagSeconds()));
    }
    String seen =
        "lag "
            + (bytes == null ? "?" : bytes)
            + " bytes / "
            + time.map(Human::duration).orElse("?");
    return over.isEmpty()
        ? CheckResult.pass("replication-lag", e.resourceId(), seen)
        : CheckResult.fail(
            "replication-lag",
            e.resourceId(),
            seen
                + " exceeds continuity.execution.max-switchover-lag ("
                + String.join(", ", over)
                + "): let the DR side catch up");
  }

  private CheckResult cooldown(String member, String executionId, boolean acknowledged) {
    Instant now = clock.instant();
    Optional<ExecutionRequestSnapshot> recent = lastEnded(member, executionId);
    if (recent.isEmpty()) {
      return CheckResult.pass("cooldown", member, "no earlier execution ended on " + member);
    }
    ExecutionRequestSnapshot last = recent.get();
    Instant ended = endedAt(last);
    Duration since = Duration.between(ended, now);
    if (since.compareTo(properties.cooldown()) >= 0) {
      return CheckResult.pass(
          "cooldown", member, "last execution " + last.id() + " ended " + ago(since));
    }
    String seen =
        "execution "
            + last.id()
            + " ended "
            + last.state()
            + " "
            + ago(since)
            + ", within the cool-down of "
            + Human.duration(properties.cooldown());
    return acknowledged
        ? CheckResult.pass("cooldown", member, seen + "; acknowledged by the confirmer")
        : CheckResult.fail(
            "cooldown", member, seen + ": confirm with \"acknowledgeCooldown\": true to go on");
  }

  /**
   * A recovery follows its failed run at once, so the cool-down does not apply; instead the failed
   * run must still be the last one that ended on the member, or the recovery was planned on roles
   * that have changed since.
   */
  private CheckResult recoveryCurrent(
      String member, String executionId, RecoveryLinkRepository.RecoveryLink link) {
    Optional<ExecutionRequestSnapshot> last = lastEnded(member, executionId);
    if (last.isPresent() && !last.get().id().equals(link.recoversId())) {
      return CheckResult.fail(
          "recovery-current",
          member,
          "execution "
              + last.get().id()
              + " ended on "
              + member
              + " after "
              + link.recoversId()
              + ": this "
              + link.option().word()
              + " was planned on roles that changed since; look at the recovery options of the"
              + " latest run again");
    }
    return CheckResult.pass(
        "recovery-current",
        member,
        "a "
            + link.option().word()
            + " of "
            + link.recoversId()
            + ", the last execution that ended on "
            + member
            + ": no cool-down applies to the recovery of a failed run");
  }

  private Optional<ExecutionRequestSnapshot> lastEnded(String member, String executionId) {
    Optional<ExecutionRequestSnapshot> last = Optional.empty();
    for (ExecutionState state : List.of(ExecutionState.SUCCEEDED, ExecutionState.FAILED)) {
      for (ExecutionRequestSnapshot s :
          requests
              .list(new ExecutionFilter(Optional.of(state), Optional.of(member), 0, 20))
              .items()) {
        if (!s.id().equals(executionId)
            && (last.isEmpty() || endedAt(s).isAfter(endedAt(last.get())))) {
          last = Optional.of(s);
        }
      }
    }
    return last;
  }

  private static Instant endedAt(ExecutionRequestSnapshot s) {
    return s.stateEnteredAt().get(s.state());
  }

  private static String ago(Duration since) {
    return Human.duration(since.isNegative() ? Duration.ZERO : since) + " ago";
  }
}

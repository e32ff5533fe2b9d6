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
    Map<String, RecoveryActions.Action> quiesced = quiesced(recovery);
    for (String member : members) {
      results.add(capability(member, request.type()));
      RecoveryActions.Action fromQuiesce = quiesced.get(member);
      boolean resumes = fromQuiesce == RecoveryActions.Action.RESUME_PRIMARY;
      evidence
          .read(member)
          .ifPresentOrElse(
              e -> {
                results.add(resumes ? freshEnoughToResume(e) : fresh(e));
                if (request.type() == OperationType.SWITCHOVER && fromQuiesce == null) {
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
                      fromQuiesce == null
                          ? topology(member, request.type())
                          : resumes
                              ? TopologyCheck.forResume(
                                  member,
                                  planner.currentPrimary(member),
                                  evidence.observedPrimary(member))
                              : TopologyCheck.forContinuation(
                                  member,
                                  planner.currentPrimary(member),
                                  evidence.observedPrimary(member))));
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

  /**
   * The members whose old primary a recovery finds quiesced: a roll-back starts it again, a
   * roll-forward continues the move from it.
   */
  private Map<String, RecoveryActions.Action> quiesced(
      Optional<RecoveryLinkRepository.RecoveryLink> recovery) {
    if (recovery.isEmpty()) {
      return Map.of();
    }
    try {
      return planner.recoveryActions(recovery.get().recoversId(), recovery.get().option()).stream()
          .filter(
              a ->
                  a.action() == RecoveryActions.Action.RESUME_PRIMARY
                      || a.action() == RecoveryActions.Action.CONTINUE)
          .collect(
              java.util.stream.Collectors.toMap(
                  RecoveryActions.MemberAction::resourceId, RecoveryActions.MemberAction::action));
    } catch (PlanningException e) {
      return Map.of();
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
    return e.stale()
        ? CheckResult.fail(
            "evidence-fresh",
            e.resourceId(),
            seen(e) + ": wait for fresh evidence (check monitoring and connectivity)")
        : CheckResult.pass("evidence-fresh", e.resourceId(), seen(e));
  }

  private static String seen(ResourceEvidence e) {
    return "evidence is "
        + Human.duration(Duration.ofSeconds(e.ageSeconds()))
        + " old (limit "
        + Human.duration(Duration.ofSeconds(e.maxAgeSeconds()))
        + "), visibility "
        + e.visibility();
  }

  /**
   * Starting a quiesced old primary again needs no fresh evidence: after a stop-action quiesce, and
   * a target that went away, nothing of the resource may answer. What makes it safe is checked live
   * by the resume step (it refuses while the other site is a primary) and by the topology check (no
   * step of the failed run in an unknown state). No lag is checked either: nothing is promoted.
   */
  private static CheckResult freshEnoughToResume(ResourceEvidence e) {
    CheckResult fresh = fresh(e);
    if (fresh.passed() || e.observedAt() == null) {
      return fresh;
    }
    return CheckResult.pass(
        "evidence-fresh",
        e.resourceId(),
        seen(e)
            + ": accepted to start the old primary again (its site may not answer after the"
            + " quiesce); the resume step observes both sites itself and refuses while the other is"
            + " a primary");
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

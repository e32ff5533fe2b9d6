package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionDraft;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The recovery plans of a FAILED execution (decision 021): what each member looks like now, which
 * options apply, and the request that runs one. A recovery is a new request linked to the failed
 * one (stored in {@code execution_recovery}, audited on both); rolling back needs a person's
 * confirmation only, rolling forward the usual approvals.
 */
@Service
public class RecoveryPlans {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(RecoveryPlans.class);

  /** The audit event on the FAILED execution when a recovery of it is requested. */
  public static final String REQUESTED = "RECOVERY_REQUESTED";

  private final ExecutionRequests requests;
  private final ExecutionPlanner planner;
  private final EvidenceReports reports;
  private final EvidenceReader evidence;
  private final RecoveryLinkRepository links;
  private final AuditTrail audit;
  private final Clock clock;

  RecoveryPlans(
      ExecutionRequests requests,
      ExecutionPlanner planner,
      EvidenceReports reports,
      EvidenceReader evidence,
      RecoveryLinkRepository links,
      AuditTrail audit,
      Clock clock) {
    this.requests = requests;
    this.planner = planner;
    this.reports = reports;
    this.evidence = evidence;
    this.links = links;
    this.audit = audit;
    this.clock = clock;
  }

  /** The members of the execution now and its recovery options. */
  public RecoveryView view(String failedId) {
    ExecutionRequestSnapshot failed =
        requests.find(failedId).orElseThrow(() -> new ExecutionNotFoundException(failedId));
    List<RecoveryView.LinkedRecovery> linked = linked(failedId);
    if (failed.state() != ExecutionState.FAILED) {
      return none(failed, "only a FAILED execution has recovery plans", linked);
    }
    if (failed.type() == OperationType.DRILL) {
      return none(
          failed,
          "no recovery plan for a failed "
              + failed.type()
              + ": check the roles by hand (see the runbook)",
          linked);
    }
    List<RecoveryActions.MemberAction> back;
    List<RecoveryActions.MemberAction> forward;
    try {
      back = planner.recoveryActions(failedId, RecoveryOption.ROLL_BACK);
      forward = planner.recoveryActions(failedId, RecoveryOption.ROLL_FORWARD);
    } catch (PlanningException e) {
      return none(failed, e.getMessage(), linked);
    }
    EvidenceReport report = reports.report(failedId);
    List<RecoveryView.MemberState> members = members(report, forward);
    String summary = MemberVerdicts.groupSummary(report.members());
    List<String> partWay =
        back.stream()
            .filter(a -> a.action() == RecoveryActions.Action.RESUME_PRIMARY)
            .map(RecoveryActions.MemberAction::resourceId)
            .toList();
    boolean moved = back.stream().anyMatch(a -> a.action() == RecoveryActions.Action.SWITCH_BACK);
    Optional<RecoveryView.LinkedRecovery> succeeded =
        linked.stream().filter(l -> l.state().equals(ExecutionState.SUCCEEDED.name())).findFirst();
    if (succeeded.isPresent()) {
      return new RecoveryView(
          failedId,
          failed.state().name(),
          failed.type().name(),
          failed.scope().id(),
          false,
          "recovered by " + succeeded.get().executionId() + " (" + succeeded.get().option() + ")",
          summary,
          members,
          List.of(),
          linked);
    }
    if (partWay.isEmpty() && !moved) {
      return new RecoveryView(
          failedId,
          failed.state().name(),
          failed.type().name(),
          failed.scope().id(),
          false,
          "the run stopped before any action changed a member: the roles and writes are as before;"
              + " retry it when the cause is fixed",
          summary,
          members,
          List.of(),
          linked);
    }
    List<String> reasons = new ArrayList<>();
    if (moved && (!partWay.isEmpty() || back.size() > 1)) {
      reasons.add(summary);
    }
    if (!partWay.isEmpty()) {
      reasons.add(
          String.join(" and ", partWay)
              + " left part-way: the run stopped after a quiesce or another action, the old"
              + " primary may take no writes");
    }
    if (reasons.isEmpty()) {
      reasons.add(summary);
    }
    List<RecoveryView.OptionView> options =
        List.of(
            failed.type() == OperationType.FAILOVER
                ? noRollBackOfAFailover(back)
                : option(failed, RecoveryOption.ROLL_BACK, back, 0),
            option(
                failed, RecoveryOption.ROLL_FORWARD, forward, requests.approvalsRequired(failed)));
    return new RecoveryView(
        failedId,
        failed.state().name(),
        failed.type().name(),
        failed.scope().id(),
        true,
        String.join("; ", reasons),
        summary,
        members,
        options,
        linked);
  }

  /**
   * What the notification of the FAILED execution says about its recovery: why one is needed (the
   * split, the members left part-way) and each option with what it needs and does; empty when none
   * is needed or it cannot be judged (a notification never fails for it).
   */
  public List<String> notice(String failedId) {
    RecoveryView view;
    try {
      view = view(failedId);
    } catch (RuntimeException e) {
      log.warn("No recovery notice for {}: {}", failedId, e.getMessage());
      return List.of();
    }
    if (!view.recoveryNeeded()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Recovery needed: " + view.why() + ".");
    for (RecoveryView.MemberState m : view.members()) {
      lines.add(
          "  "
              + m.resourceId()
              + ": "
              + m.progress()
              + ", primary "
              + m.primaryRecorded()
              + (Boolean.FALSE.equals(m.primaryTakesWrites()) ? " (takes no writes)" : ""));
    }
    lines.add("Recovery options (each a new request, linked to this one):");
    for (RecoveryView.OptionView o : view.options()) {
      lines.add(
          "  "
              + o.option()
              + (o.available() ? "" : " (cannot be planned now: " + o.unavailableReason() + ")")
              + ", needs "
              + o.needs()
              + ": "
              + String.join("; ", o.actions()));
    }
    lines.add(
        "Request one on the request page or with POST /api/v1/executions/"
            + failedId
            + "/recovery.");
    return lines;
  }

  /**
   * Requests the recovery {@code option} of a FAILED execution: a new request linked to it,
   * APPROVED at once for a roll-back (a person still confirms its start), PENDING_APPROVAL for a
   * roll-forward.
   *
   * @throws ExecutionTargetException when the option is not one of the words
   * @throws RecoveryRefusedException when no recovery is needed, the option cannot be planned, or a
   *     recovery is already in flight
   */
  public ExecutionRequestSnapshot request(
      String failedId, String optionWord, String reason, Optional<String> ticket, Actor actor) {
    requests.requireMayRecover(failedId, actor);
    RecoveryOption option =
        RecoveryOption.parse(optionWord == null ? "" : optionWord.strip())
            .orElseThrow(
                () ->
                    ExecutionTargetException.invalid(
                        "option",
                        optionWord == null
                            ? "option is required: roll-back or roll-forward"
                            : "option '"
                                + optionWord
                                + "' is not a recovery plan; use roll-back or roll-forward"));
    RecoveryView view = view(failedId);
    if (!view.recoveryNeeded()) {
      throw new RecoveryRefusedException("no recovery of " + failedId + ": " + view.why());
    }
    Optional<RecoveryView.LinkedRecovery> open =
        view.recoveries().stream()
            .filter(l -> !ExecutionState.valueOf(l.state()).isTerminal())
            .findFirst();
    if (open.isPresent()) {
      throw new RecoveryRefusedException(
          "recovery "
              + open.get().executionId()
              + " ("
              + open.get().option()
              + ") of "
              + failedId
              + " is still "
              + open.get().state()
              + ": finish or cancel it first");
    }
    RecoveryView.OptionView chosen =
        view.options().stream().filter(o -> o.option().equals(option.word())).findFirst().get();
    if (!chosen.available()) {
      throw new RecoveryRefusedException(
          option.word() + " of " + failedId + " cannot be planned: " + chosen.unavailableReason());
    }
    return requests.recover(
        failedId,
        actor,
        failed -> draft(failed, option, ticket, reason),
        option.confirmationOnly(),
        created -> {
          links.insert(
              new RecoveryLinkRepository.RecoveryLink(
                  created.id(), failedId, option, created.createdAt()));
          Map<String, String> details = new LinkedHashMap<>();
          details.put("recoveryExecutionId", created.id());
          details.put("option", option.word());
          details.put("actions", String.join("; ", chosen.actions()));
          audit.append(
              new GenericAuditEvent(
                  REQUESTED,
                  actor.id(),
                  clock.instant().truncatedTo(ChronoUnit.MICROS),
                  Optional.of(failedId),
                  Optional.empty(),
                  created.reason(),
                  created.changeTicket(),
                  details));
        });
  }

  private ExecutionDraft draft(
      ExecutionRequestSnapshot failed,
      RecoveryOption option,
      Optional<String> ticket,
      String reason) {
    String id = ExecutionIds.next(clock.instant());
    if (option == RecoveryOption.ROLL_FORWARD) {
      return new ExecutionDraft(
          id, failed.type(), failed.scope(), failed.targetSite(), failed.tier(), ticket, reason);
    }
    return new ExecutionDraft(
        id,
        OperationType.SWITCHOVER,
        failed.scope(),
        backTarget(failed),
        failed.tier(),
        ticket,
        reason);
  }

  /** The target of a roll-back: the other role word for a group, the old primary site otherwise. */
  private String backTarget(ExecutionRequestSnapshot failed) {
    if (failed.scope() instanceof ExecutionScope.GroupScope) {
      return switch (failed.targetSite().toLowerCase(Locale.ROOT)) {
        case "dr" -> "primary";
        case "primary" -> "dr";
        default -> failed.targetSite();
      };
    }
    return planner.sourceOf(failed.scope().id(), failed.targetSite());
  }

  /**
   * A failover's old primary is lost or fenced by design (a fenced PostgreSQL server comes back
   * only as a standby): starting it again as a primary is not a recovery Continuity offers. What
   * moved comes back with a FAILBACK once the old primary is repaired.
   */
  private static RecoveryView.OptionView noRollBackOfAFailover(
      List<RecoveryActions.MemberAction> back) {
    return new RecoveryView.OptionView(
        RecoveryOption.ROLL_BACK.word(),
        false,
        0,
        "a FAILBACK instead, once the old primary is repaired",
        RecoveryActions.describe(back),
        "a failover's old primary is lost or fenced by design; starting it again as a primary"
            + " risks two primaries. Roll forward, or request a FAILBACK once the old primary is"
            + " repaired");
  }

  private RecoveryView.OptionView option(
      ExecutionRequestSnapshot failed,
      RecoveryOption option,
      List<RecoveryActions.MemberAction> actions,
      int approvals) {
    String needs =
        approvals == 0
            ? "a person's confirmation (no approval: it returns to the roles from before the run)"
            : approvals + " approval(s) (or break-glass), then a person's confirmation";
    try {
      planner.recoveryPlan(failed.scope().id(), failed.id(), option);
      return new RecoveryView.OptionView(
          option.word(), true, approvals, needs, RecoveryActions.describe(actions), null);
    } catch (PlanningException e) {
      return new RecoveryView.OptionView(
          option.word(),
          false,
          approvals,
          needs,
          RecoveryActions.describe(actions),
          e.getMessage());
    }
  }

  private List<RecoveryView.MemberState> members(
      EvidenceReport report, List<RecoveryActions.MemberAction> forward) {
    Map<String, RecoveryActions.MemberAction> targets = RecoveryActions.byMember(forward);
    List<RecoveryView.MemberState> members = new ArrayList<>();
    for (EvidenceReport.MemberVerdict verdict : report.members()) {
      String id = verdict.resourceId();
      RecoveryActions.MemberAction action = targets.get(id);
      String target = action == null ? null : action.site();
      Optional<ProbeResult> probe = evidence.latestProbe(id);
      String observedPrimary = probe.flatMap(ProbeResult::primarySite).orElse(null);
      Boolean writes =
          probe.map(p -> p.health() == io.continuity.connector.api.Health.HEALTHY).orElse(null);
      String observed =
          probe
              .map(
                  p ->
                      "health "
                          + p.health()
                          + p.primarySite()
                              .flatMap(p::site)
                              .map(SiteConnectivity::detail)
                              .map(d -> ", primary site: " + d)
                              .orElse(", no primary seen")
                          + " (probe at "
                          + p.observedAt()
                          + ")")
              .orElse("no successful probe yet");
      members.add(
          new RecoveryView.MemberState(
              id,
              verdict.progress(),
              target == null ? null : planner.sourceOf(id, target),
              target,
              verdict.primaryNow(),
              observedPrimary,
              writes,
              observed,
              verdict.statement()));
    }
    return members;
  }

  private List<RecoveryView.LinkedRecovery> linked(String failedId) {
    return links.recovering(failedId).stream()
        .map(
            l ->
                new RecoveryView.LinkedRecovery(
                    l.executionId(),
                    l.option().word(),
                    requests.find(l.executionId()).map(s -> s.state().name()).orElse("UNKNOWN")))
        .toList();
  }

  private static RecoveryView none(
      ExecutionRequestSnapshot failed, String why, List<RecoveryView.LinkedRecovery> linked) {
    return new RecoveryView(
        failed.id(),
        failed.state().name(),
        failed.type().name(),
        failed.scope().id(),
        false,
        why,
        null,
        List.of(),
        List.of(),
        linked);
  }
}

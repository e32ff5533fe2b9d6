package io.continuity.server.execution;

import io.continuity.connector.api.PlanStep;
import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.server.audit.AuditPage;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Builds the {@link EvidenceReport} of an execution from its request, step log, run and audit. */
@Service
public class EvidenceReports {

  private static final Set<String> STEP_EVENTS =
      Set.of("STEP_STARTED", "STEP_COMPLETED", "STEP_FAILED");
  private static final Set<String> OVERRIDES =
      Set.of(
          "PRECHECK_OVERRIDDEN",
          "COOLDOWN_ACKNOWLEDGED",
          "EXECUTION_RESUMED",
          "CONFIRMATION_REFUSED");

  private final ExecutionRequests requests;
  private final ExecutionRunRepository runs;
  private final StepLog stepLog;
  private final AuditTrail audit;
  private final Clock clock;
  private final ExecutionPlanner planner;

  EvidenceReports(
      ExecutionPlanner planner,
      ExecutionRequests requests,
      ExecutionRunRepository runs,
      StepLog stepLog,
      AuditTrail audit,
      Clock clock) {
    this.requests = requests;
    this.runs = runs;
    this.stepLog = stepLog;
    this.audit = audit;
    this.clock = clock;
    this.planner = planner;
  }

  /**
   * @throws ExecutionNotFoundException when there is no such execution
   */
  public EvidenceReport report(String id) {
    ExecutionRequestSnapshot request =
        requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    Optional<ExecutionRunRepository.StoredRun> run = runs.find(id);
    List<ResourceEvidence> before = run.map(r -> evidence(r.evidenceBefore())).orElse(List.of());
    List<ResourceEvidence> after =
        run.flatMap(ExecutionRunRepository.StoredRun::evidenceAfter)
            .map(this::evidence)
            .orElse(List.of());
    List<AuditRecord> trail = trail(id);
    List<StepRecord> log = stepLog.list(id);
    boolean group = request.scope() instanceof ExecutionScope.GroupScope;
    List<EvidenceReport.StepLine> steps = new ArrayList<>();
    for (StepRecord r : log) {
      Optional<PlanStep> step =
          run.flatMap(x -> x.plan().member(r.memberResourceId()))
              .flatMap(m -> m.plan().step(r.stepId()));
      List<Long> seqs =
          trail.stream()
              .filter(a -> STEP_EVENTS.contains(a.type()))
              .filter(a -> r.stepId().equals(a.details().get("stepId")))
              .filter(a -> !group || r.memberResourceId().equals(a.resourceId()))
              .filter(a -> !group || String.valueOf(r.seq()).equals(a.details().get("seq")))
              .map(AuditRecord::seq)
              .toList();
      steps.add(
          new EvidenceReport.StepLine(
              r.seq(),
              r.memberResourceId(),
              r.stepId(),
              step.map(PlanStep::name).orElse(r.stepId()),
              step.map(s -> s.kind().name()).orElse(""),
              r.startedAt(),
              r.finishedAt(),
              r.outcome().name(),
              ExecutionRequest.ENGINE.id(),
              r.output(),
              r.facts().get("marker"),
              r.attempt(),
              seqs));
    }
    List<String> ids = run.map(r -> r.plan().resourceIds()).orElse(List.of(request.scope().id()));
    List<EvidenceReport.MemberVerdict> members = new ArrayList<>();
    for (String member : ids) {
      ResourceEvidence seen =
          before.stream().filter(e -> e.resourceId().equals(member)).findFirst().orElse(null);
      members.add(
          MemberVerdicts.of(
              request,
              member,
              run.flatMap(r -> r.plan().member(member)),
              log.stream().filter(r -> r.memberResourceId().equals(member)).toList(),
              seen,
              primaryOf(member)));
    }
    List<String> conclusions = new ArrayList<>();
    String head = headline(request);
    if (group && request.type().changesRoles()) {
      conclusions.add(head + MemberVerdicts.groupSummary(members));
      members.forEach(m -> conclusions.add(m.resourceId() + ": " + m.statement()));
    } else {
      members.forEach(
          m -> conclusions.add(head + (group ? m.resourceId() + ": " : "") + m.statement()));
    }
    return new EvidenceReport(
        id,
        request.type().name(),
        (group ? "group " : "resource ") + request.scope().id(),
        request.targetSite(),
        request.state().name(),
        String.join("; ", conclusions),
        conclusions,
        members,
        before,
        after,
        steps,
        lines(trail, Set.of("APPROVAL_GRANTED", "APPROVAL_DENIED")),
        lines(trail, OVERRIDES),
        lines(trail, Set.of("BREAK_GLASS_INVOKED", "POST_INCIDENT_REVIEWED")),
        lines(trail, null),
        clock.instant(),
        audit.head());
  }

  /** "Execution FAILED at step x: " for a run that did not succeed, else nothing. */
  private static String headline(ExecutionRequestSnapshot request) {
    if (request.state() == ExecutionState.SUCCEEDED) {
      return "";
    }
    return "Execution "
        + request.state()
        + request.failure().flatMap(f -> f.stepId()).map(s -> " at step " + s).orElse("")
        + ": ";
  }

  /** The primary the inventory records now ("unknown" for a resource no longer in it). */
  private String primaryOf(String resourceId) {
    try {
      return planner.currentPrimary(resourceId);
    } catch (java.util.NoSuchElementException e) {
      return "unknown (not in the inventory now)";
    }
  }

  private List<ResourceEvidence> evidence(String json) {
    return Arrays.asList(PlanJson.readValue(json, ResourceEvidence[].class));
  }

  private List<AuditRecord> trail(String id) {
    List<AuditRecord> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      AuditPage found =
          audit.find(new AuditQuery(id, null, null, null, null, page, AuditQuery.MAX_SIZE));
      all.addAll(found.items());
      if (found.items().size() < AuditQuery.MAX_SIZE) {
        return all;
      }
    }
  }

  private static List<EvidenceReport.AuditLine> lines(List<AuditRecord> trail, Set<String> types) {
    return trail.stream()
        .filter(a -> types == null || types.contains(a.type()))
        .map(
            a ->
                new EvidenceReport.AuditLine(
                    a.seq(), a.type(), a.actor(), a.occurredAt(), a.reason(), a.details()))
        .toList();
  }
}

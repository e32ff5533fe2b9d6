package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
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
import java.util.Objects;
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

  EvidenceReports(
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
    List<String> conclusions = new ArrayList<>();
    List<String> members =
        run.map(r -> r.plan().resourceIds()).orElse(List.of(request.scope().id()));
    for (String member : members) {
      ResourceEvidence seen =
          before.stream().filter(e -> e.resourceId().equals(member)).findFirst().orElse(null);
      String marker =
          log.stream()
              .filter(r -> r.memberResourceId().equals(member))
              .filter(r -> r.outcome() == StepLogOutcome.SUCCEEDED)
              .map(r -> r.facts().get("marker"))
              .filter(Objects::nonNull)
              .reduce((a, b) -> b)
              .orElse(null);
      String text = conclusion(request, seen, marker);
      conclusions.add(members.size() > 1 ? member + ": " + text : text);
    }
    return new EvidenceReport(
        id,
        request.type().name(),
        (group ? "group " : "resource ") + request.scope().id(),
        request.targetSite(),
        request.state().name(),
        String.join("; ", conclusions),
        conclusions,
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

  /** The conclusion for one member, conservative (design §5). */
  static String conclusion(
      ExecutionRequestSnapshot request, ResourceEvidence before, String marker) {
    OperationType type = request.type();
    String unavailable = "Marker unavailable: unable to prove completeness; see integrity checks";
    String window =
        before == null || !before.hasMarkers()
            ? unavailable
            : "Potential loss window up to "
                + (before.lagBytes() == null ? "?" : before.lagBytes())
                + " bytes / "
                + (before.lagSeconds() == null ? "?" : before.lagSeconds())
                + " s (evidence at confirmation: primary "
                + before.primaryMarker()
                + ", DR applied "
                + before.drMarker()
                + ")";
    if (request.state() != ExecutionState.SUCCEEDED) {
      String prefix =
          "Execution "
              + request.state()
              + request.failure().flatMap(f -> f.stepId()).map(s -> " at step " + s).orElse("")
              + ": no role change is claimed. ";
      return prefix
          + (type == OperationType.FAILOVER
              ? window
              : before != null && before.hasMarkers()
                  ? "Last evidence: primary "
                      + before.primaryMarker()
                      + ", DR applied "
                      + before.drMarker()
                  : unavailable);
    }
    switch (type) {
      case SWITCHOVER:
      case FAILBACK:
        if (marker == null) {
          return unavailable;
        }
        return "Caught up to marker "
            + marker
            + (before != null && before.heartbeatWrittenAt() != null
                ? " / heartbeat " + before.heartbeatWrittenAt() + " (at confirmation)"
                : "");
      case FAILOVER:
        return window + (marker == null ? "" : "; the target applied up to marker " + marker);
      default:
        return "Drill: production roles unchanged"
            + (marker == null ? "" : "; the drill clone reached marker " + marker);
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

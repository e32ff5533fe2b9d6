package io.continuity.server.web.api;

import io.continuity.core.approval.Approval;
import io.continuity.core.execution.BreakGlass;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.execution.Failure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution request as the API shows it. Optional values are {@code null} when absent; {@code
 * stateEnteredAt} is when the current state was entered, {@code stateHistory} when each state was;
 * {@code window} is the maintenance window, {@code null} when the request has none (then {@code
 * expiresAt} follows the policy's time limits, else it is the window's end).
 */
public record ExecutionView(
    String id,
    String type,
    ScopeView scope,
    String targetSite,
    int tier,
    String state,
    String createdBy,
    Instant createdAt,
    String changeTicket,
    String reason,
    int approvalsRequired,
    int approvalsReceived,
    List<ApprovalView> approvals,
    BreakGlassView breakGlass,
    boolean needsPostIncidentReview,
    String retryOf,
    Instant stateEnteredAt,
    Map<String, Instant> stateHistory,
    Instant expiresAt,
    String presentedTo,
    String confirmedBy,
    String currentStep,
    FailureView failure,
    long version,
    WindowView window) {

  static ExecutionView of(ExecutionRequestSnapshot s) {
    Map<String, Instant> history = new LinkedHashMap<>();
    s.stateEnteredAt().forEach((state, at) -> history.put(state.name(), at));
    return new ExecutionView(
        s.id(),
        s.type().name(),
        ScopeView.of(s.scope()),
        s.targetSite(),
        s.tier().number(),
        s.state().name(),
        s.createdBy(),
        s.createdAt(),
        s.changeTicket().orElse(null),
        s.reason(),
        s.policy().approvalsRequired(),
        s.approvalsReceived(),
        s.approvals().stream().map(ApprovalView::of).toList(),
        s.breakGlass().map(BreakGlassView::of).orElse(null),
        s.needsPostIncidentReview(),
        s.retryOf().orElse(null),
        s.stateEnteredAt().get(s.state()),
        history,
        s.expiresAt().orElse(null),
        s.presentedTo().orElse(null),
        s.confirmedBy().orElse(null),
        s.currentStep().orElse(null),
        s.failure().map(FailureView::of).orElse(null),
        s.version(),
        s.window().map(WindowView::of).orElse(null));
  }

  /** What the request acts on: {@code RESOURCE} or {@code GROUP}, and its id. */
  public record ScopeView(String kind, String id) {
    static ScopeView of(ExecutionScope scope) {
      return new ScopeView(
          scope instanceof ExecutionScope.GroupScope ? "GROUP" : "RESOURCE", scope.id());
    }
  }

  /** One approver's decision: {@code APPROVED} or {@code REJECTED}. */
  public record ApprovalView(String actor, String decision, String comment, Instant at) {
    static ApprovalView of(Approval a) {
      return new ApprovalView(a.actor(), a.decision().name(), a.comment(), a.at());
    }
  }

  /** A break-glass use and its post-incident review, once done. */
  public record BreakGlassView(
      String invokedBy,
      String justification,
      String incidentRef,
      Instant at,
      String reviewedBy,
      String reviewFindings,
      Instant reviewedAt) {
    static BreakGlassView of(BreakGlass b) {
      return new BreakGlassView(
          b.invokedBy(),
          b.justification(),
          b.incidentRef(),
          b.at(),
          b.review().map(BreakGlass.PostIncidentReview::reviewer).orElse(null),
          b.review().map(BreakGlass.PostIncidentReview::findings).orElse(null),
          b.review().map(BreakGlass.PostIncidentReview::at).orElse(null));
    }
  }

  /** Why a run failed, at which step if any. */
  public record FailureView(String reason, String stepId, Instant at) {
    static FailureView of(Failure f) {
      return new FailureView(f.reason(), f.stepId().orElse(null), f.at());
    }
  }

  /**
   * The maintenance window (decision 029): the plan is presented and the start confirmed only from
   * {@code notBefore} (inclusive) to {@code notAfter} (exclusive).
   */
  public record WindowView(Instant notBefore, Instant notAfter) {
    static WindowView of(io.continuity.core.execution.ExecutionWindow w) {
      return new WindowView(w.notBefore(), w.notAfter());
    }
  }

  /** The states a request can be in, for messages. */
  static List<String> states() {
    return java.util.Arrays.stream(ExecutionState.values()).map(Enum::name).toList();
  }
}

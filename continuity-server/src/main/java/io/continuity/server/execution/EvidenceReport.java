package io.continuity.server.execution;

import io.continuity.server.audit.AuditAnchor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The evidence of one execution for operators and auditors: the conclusion in the design's words
 * (§5: "Caught up to marker X", "Potential loss window up to Y", "Marker unavailable: unable to
 * prove completeness"), the evidence before and after, each step with its times, actor and outcome,
 * approvals, overrides and break-glass, each line carrying the audit sequence numbers behind it.
 */
public record EvidenceReport(
    String executionId,
    String type,
    String scope,
    String targetSite,
    String state,
    String conclusion,
    List<String> conclusions,
    List<MemberVerdict> members,
    List<ResourceEvidence> before,
    List<ResourceEvidence> after,
    List<StepLine> steps,
    List<AuditLine> approvals,
    List<AuditLine> overrides,
    List<AuditLine> breakGlass,
    List<AuditLine> trail,
    Instant generatedAt,
    AuditAnchor auditAnchor) {

  /**
   * What the run did to one member: {@code progress} COMPLETED, NOT_STARTED or FAILED (at {@code
   * failedStep}, which ended {@code failedOutcome}), the primary the inventory records now, and its
   * loss verdict ({@code lossWindow}, null when no role changed and nothing could be lost).
   */
  public record MemberVerdict(
      String resourceId,
      String progress,
      String primaryNow,
      String failedStep,
      String failedOutcome,
      LossWindow lossWindow,
      String statement) {}

  /** One step attempt from the durable log, with the audit events that record it. */
  public record StepLine(
      int seq,
      String resourceId,
      String stepId,
      String name,
      String kind,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      String actor,
      String output,
      String marker,
      int attempt,
      List<Long> auditSeqs) {}

  /** One audit event as evidence. */
  public record AuditLine(
      long seq,
      String type,
      String actor,
      Instant at,
      String reason,
      Map<String, String> details) {}
}

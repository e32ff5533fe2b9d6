package io.continuity.server.web.api;

/**
 * The JSON bodies the executions API accepts. Fields are read as text so that a wrong value gets a
 * message naming the field and the values it accepts, rather than a generic parse error.
 */
public final class ExecutionRequestBodies {

  private ExecutionRequestBodies() {}

  /**
   * A new request: exactly one of {@code resourceId} and {@code groupId}; {@code targetSite} a site
   * name or {@code primary}/{@code dr} (default: the site that is not primary now); {@code window}
   * optional.
   */
  public record Create(
      String type,
      String resourceId,
      String groupId,
      String targetSite,
      String changeTicket,
      String reason,
      Window window) {}

  /**
   * A maintenance window (decision 029): ISO-8601 instants with an offset, for example {@code
   * 2026-12-10T02:00:00Z} or {@code 2026-12-10T03:00:00+01:00}; {@code notAfter} after {@code
   * notBefore} and in the future, at most 7 days after it.
   */
  public record Window(String notBefore, String notAfter) {}

  /** An approver's decision: {@code APPROVE} or {@code REJECT} (a rejection needs a comment). */
  public record Decide(String decision, String comment) {}

  /** Why the request is withdrawn. */
  public record Cancel(String reason) {}

  /** Why approvals are skipped, and the incident that justifies it. */
  public record BreakGlass(String justification, String incidentRef) {}

  /** What the post-incident review of a break-glass found. */
  public record Review(String findings) {}

  /** Why a failed request is tried again. */
  public record Retry(String reason) {}

  /**
   * A recovery plan for a FAILED request: {@code option} {@code roll-back} or {@code roll-forward},
   * why, and the change ticket when the policy asks for one.
   */
  public record Recover(String option, String reason, String changeTicket) {}
}

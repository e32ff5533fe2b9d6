package io.continuity.core.approval;

/**
 * The rule a refused command broke, as a stable code for the API, the audit trail ({@code
 * ATTEMPT_DENIED}) and metrics.
 */
public enum RefusalRule {
  /** The command is not accepted in the request's current state. */
  ILLEGAL_TRANSITION,
  /** The command needs an authenticated person; the control plane may not do it. */
  PERSON_REQUIRED,
  /** The actor lacks the role the command needs. */
  ROLE_REQUIRED,
  /** A requester never approves or rejects their own request. */
  REQUESTER_NEVER_APPROVES,
  /** One person decides at most once on a request, so never counts as two approvals. */
  ONE_DECISION_PER_PERSON,
  /** The person who confirms the start is not one of the approvers (unless policy allows). */
  CONFIRMER_NOT_APPROVER,
  /** A break-glass is reviewed by someone not involved: not its invoker, requester or confirmer. */
  REVIEWER_MUST_BE_UNINVOLVED,
  /** The command needs a non-blank reason, comment or justification. */
  REASON_REQUIRED,
  /** Policy requires a change ticket for this tier and operation. */
  CHANGE_TICKET_REQUIRED,
  /** The change ticket does not have the format policy asks for. */
  CHANGE_TICKET_FORMAT,
  /** Break-glass needs both a justification and an incident reference. */
  BREAK_GLASS_JUSTIFICATION_REQUIRED,
  /** The pending request's approval window has closed: it can only expire now. */
  APPROVAL_WINDOW_CLOSED,
  /** The approved request was not started in time: it can only expire now. */
  START_WINDOW_CLOSED,
  /**
   * The request's maintenance window is not open: its plan is presented and its start confirmed
   * only inside it (decision 029).
   */
  OUTSIDE_MAINTENANCE_WINDOW,
  /** The approval policy is not satisfied and no break-glass was invoked. */
  POLICY_NOT_SATISFIED,
  /** A step or check failed, so the execution cannot succeed: it must fail. */
  CHECKS_FAILED
}

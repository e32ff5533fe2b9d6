package io.continuity.core.execution;

/**
 * Where an execution request is in its life (design §3), plus CANCELLED.
 *
 * <pre>
 * DRAFT -> PENDING_APPROVAL -> APPROVED -> READY_TO_START -> RUNNING -> SUCCEEDED | FAILED
 *          PENDING_APPROVAL -> REJECTED  (an approver rejected, or the approval window closed)
 *          PENDING_APPROVAL -> APPROVED  (policy satisfied, or break-glass)
 *          PENDING_APPROVAL | APPROVED | READY_TO_START -> CANCELLED
 *                                        (withdrawn by requester or ADMIN, or start window closed)
 * </pre>
 *
 * A FAILED request stays FAILED: a retry is a new request in PENDING_APPROVAL.
 */
public enum ExecutionState {
  /** Being composed; {@link ExecutionRequest#create} validates and submits in one step. */
  DRAFT,
  PENDING_APPROVAL,
  APPROVED,
  /** The start confirmation has been presented to a person; waiting for their confirmation. */
  READY_TO_START,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** An approver rejected it, or its approval window closed before enough approvals. */
  REJECTED,
  /** Withdrawn before it ran, or approved but not started within the start window. */
  CANCELLED;

  /** True when nothing more can happen to the request's state. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == REJECTED || this == CANCELLED;
  }
}

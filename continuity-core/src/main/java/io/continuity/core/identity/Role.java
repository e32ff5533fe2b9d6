package io.continuity.core.identity;

/**
 * What a person may do in Continuity. Roles are granted independently: a person holds a set of
 * them, and no role implies another (an {@link #ADMIN} is not an {@link #APPROVER} unless granted
 * both), which keeps separation of duties explicit.
 */
public enum Role {
  /** Reads inventory, status, executions and the audit trail. */
  VIEWER,
  /** Requests executions, confirms their start, cancels their own requests. */
  OPERATOR,
  /** Approves or rejects other people's execution requests; reviews break-glass use. */
  APPROVER,
  /** Administers inventory and policy; may cancel any request; does not approve by this role. */
  ADMIN,
  /** May skip approvals in an emergency (break-glass), always audited and reviewed afterwards. */
  BREAK_GLASS
}

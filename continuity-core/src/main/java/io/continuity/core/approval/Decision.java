package io.continuity.core.approval;

/** What an approver decided about a request. */
public enum Decision {
  APPROVED,
  REJECTED
}

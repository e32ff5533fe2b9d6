package io.continuity.server.security;

/**
 * What a person may do in Continuity. Held as Spring Security authorities {@code ROLE_<name>}.
 * Roles are not hierarchical: each grants its own permissions (an ADMIN is not an APPROVER), which
 * keeps separation of duties explicit. To be unified with a core {@code Role} enum when one exists.
 */
public enum ContinuityRole {
  /** Reads status, inventory and audit. */
  VIEWER,
  /** Requests and runs executions. */
  OPERATOR,
  /** Approves or rejects other people's execution requests. */
  APPROVER,
  /** Administers the control plane (metrics, configuration). */
  ADMIN,
  /** May start an execution without approvals in an emergency; always audited. */
  BREAK_GLASS;

  /** The Spring Security authority for this role. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Every role name, for {@code hasAnyRole(...)}. */
  public static String[] names() {
    ContinuityRole[] all = values();
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].name();
    }
    return names;
  }
}

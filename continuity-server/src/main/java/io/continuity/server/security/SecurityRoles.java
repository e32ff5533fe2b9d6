package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Arrays;

/**
 * How the core {@link Role}s are held by Spring Security: as authorities {@code ROLE_<name>}. Roles
 * are not hierarchical: each grants its own permissions (an ADMIN is not an APPROVER), which keeps
 * separation of duties explicit.
 */
public final class SecurityRoles {

  private SecurityRoles() {}

  /** The Spring Security authority for this role. */
  public static String authority(Role role) {
    return "ROLE_" + role.name();
  }

  /** Every role name, for {@code hasAnyRole(...)}. */
  public static String[] names() {
    return Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
  }
}

package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Set;

/** The person behind the current request: their user id and Continuity roles. */
public record AuthenticatedActor(String id, Set<Role> roles) {

  public AuthenticatedActor {
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}

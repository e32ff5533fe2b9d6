package io.continuity.server.security;

import java.util.Set;

/** The person behind the current request: their user id and Continuity roles. */
public record AuthenticatedActor(String id, Set<ContinuityRole> roles) {

  public AuthenticatedActor {
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(ContinuityRole role) {
    return roles.contains(role);
  }
}

package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A person who may sign in: user name, Continuity roles and, when known, an e-mail address. */
public record DirectoryUser(String username, Set<Role> roles, Optional<String> email) {

  public DirectoryUser {
    Objects.requireNonNull(username, "username");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(email, "email");
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}

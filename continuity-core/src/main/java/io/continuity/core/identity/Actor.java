package io.continuity.core.identity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who performs a command: an authenticated person with roles, or the control plane itself.
 *
 * <p>A system actor has the id {@code system:<component>} (for example {@code
 * system:execution-engine}) and holds no roles, so it can never approve, confirm or invoke
 * break-glass: those need a person. The server builds a person actor only from an authenticated
 * principal; the core trusts that and checks roles and identities only.
 *
 * @param id stable user id as the identity provider names it, or {@code system:<component>}
 * @param roles the roles granted to the person; empty for a system actor
 */
public record Actor(String id, Set<Role> roles) {

  /** Prefix of every system actor's id; no person id may start with it. */
  public static final String SYSTEM_PREFIX = "system:";

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(roles, "roles");
    if (id.isBlank()) {
      throw new IllegalArgumentException("actor id must not be blank");
    }
    if (!id.equals(id.strip())) {
      throw new IllegalArgumentException("actor id '" + id + "' must not have surrounding spaces");
    }
    roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    if (id.startsWith(SYSTEM_PREFIX) && !roles.isEmpty()) {
      throw new IllegalArgumentException(
          "system actor " + id + " must hold no roles: roles belong to people");
    }
    if (id.equals(SYSTEM_PREFIX)) {
      throw new IllegalArgumentException("system actor needs a component name after 'system:'");
    }
  }

  /** The control plane acting as {@code system:<component>}. */
  public static Actor system(String component) {
    Objects.requireNonNull(component, "component");
    return new Actor(SYSTEM_PREFIX + component, Set.of());
  }

  /** An authenticated person with these roles. */
  public static Actor person(String id, Role... roles) {
    Objects.requireNonNull(id, "id");
    if (id.startsWith(SYSTEM_PREFIX)) {
      throw new IllegalArgumentException(
          "person id '" + id + "' must not start with '" + SYSTEM_PREFIX + "'");
    }
    return new Actor(id, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles));
  }

  /** True for the control plane itself, false for a person. */
  public boolean isSystem() {
    return id.startsWith(SYSTEM_PREFIX);
  }

  public boolean isPerson() {
    return !isSystem();
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** True when the actor holds at least one of these roles. */
  public boolean hasAnyRole(Set<Role> wanted) {
    for (Role role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}

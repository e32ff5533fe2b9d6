package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people who may sign in, with their roles and e-mail addresses (from {@code
 * continuity.security.users}, or the demo users), in the configured order. Never holds passwords.
 * Other modules use it to find "every APPROVER" and where to reach someone.
 */
public final class UserDirectory {

  private final Map<String, DirectoryUser> users = new LinkedHashMap<>();

  public UserDirectory(List<DirectoryUser> users) {
    users.forEach(user -> this.users.put(user.username(), user));
  }

  /** Everyone, in the configured order. */
  public List<DirectoryUser> users() {
    return List.copyOf(users.values());
  }

  public Optional<DirectoryUser> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  /** Everyone holding the role, in the configured order. */
  public List<DirectoryUser> withRole(Role role) {
    return users.values().stream().filter(user -> user.hasRole(role)).toList();
  }
}

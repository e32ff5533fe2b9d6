package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The people who may sign in, with their roles and e-mail addresses: the configured users (from
 * {@code continuity.security.users}, or the demo users) in the configured order, then the people
 * who signed in through single sign-on ({@link SsoUserRepository}, roles as of their last sign-in).
 * A configured user wins over an SSO user of the same name. Never holds passwords. Other modules
 * use it to find "every APPROVER" and where to reach someone.
 */
public final class UserDirectory {

  private final Map<String, DirectoryUser> configured = new LinkedHashMap<>();
  private final Supplier<List<DirectoryUser>> signedInThroughSso;

  public UserDirectory(List<DirectoryUser> users) {
    this(users, List::of);
  }

  UserDirectory(List<DirectoryUser> users, Supplier<List<DirectoryUser>> signedInThroughSso) {
    users.forEach(user -> this.configured.put(user.username(), user));
    this.signedInThroughSso = signedInThroughSso;
  }

  /** Everyone: the configured users in order, then the SSO users by name. */
  public List<DirectoryUser> users() {
    Map<String, DirectoryUser> all = new LinkedHashMap<>(configured);
    signedInThroughSso.get().forEach(user -> all.putIfAbsent(user.username(), user));
    return List.copyOf(all.values());
  }

  public Optional<DirectoryUser> find(String username) {
    DirectoryUser user = configured.get(username);
    if (user != null) {
      return Optional.of(user);
    }
    return signedInThroughSso.get().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  /** Everyone holding the role, configured users first. */
  public List<DirectoryUser> withRole(Role role) {
    return users().stream().filter(user -> user.hasRole(role)).toList();
  }
}

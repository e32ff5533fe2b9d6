package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The demo users for sign-in, sharing one password whose hash is made at the first sign-in rather
 * than at start: bcrypt is deliberately slow, and a demo start should not wait for a hash nobody
 * may ask for. The hash is made once and kept.
 */
final class DemoUserDetails implements UserDetailsService {

  private final Map<String, Role> users;
  private final Supplier<String> hashOfPassword;
  private String hash;

  DemoUserDetails(Map<String, Role> users, Supplier<String> hashOfPassword) {
    this.users = Map.copyOf(users); // names in lower case
    this.hashOfPassword = hashOfPassword;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    String name = username.toLowerCase(Locale.ROOT); // as the configured users: case-insensitive
    Role role = users.get(name);
    if (role == null) {
      throw new UsernameNotFoundException("no demo user " + username);
    }
    return User.withUsername(name).password(hash()).roles(role.name()).build();
  }

  private synchronized String hash() {
    if (hash == null) {
      hash = hashOfPassword.get();
    }
    return hash;
  }
}

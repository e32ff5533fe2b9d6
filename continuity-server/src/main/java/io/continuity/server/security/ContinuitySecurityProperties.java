package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users outside the demo profile: {@code continuity.security.users[i].username}, {@code
 * .password-hash} (bcrypt, for example from {@code htpasswd -bnBC 12 "" secret}) and {@code
 * .roles}, optionally {@code .email} (where notifications are sent). There are no default users:
 * with none configured nobody can log in.
 */
@ConfigurationProperties("continuity.security")
public record ContinuitySecurityProperties(List<UserEntry> users) {

  public ContinuitySecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** One configured user; {@code email} is optional ({@code null} when not set). */
  public record UserEntry(String username, String passwordHash, Set<Role> roles, String email) {

    public UserEntry {
      roles = roles == null ? Set.of() : Set.copyOf(roles);
      email = email == null || email.isBlank() ? null : email.strip();
    }
  }
}

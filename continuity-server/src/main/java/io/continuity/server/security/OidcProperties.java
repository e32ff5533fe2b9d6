package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How single sign-on users become Continuity users ({@code continuity.security.oidc.*}); the
 * provider itself is Spring Boot's {@code spring.security.oauth2.client.*}.
 *
 * @param usernameClaim the ID-token or user-info claim that names the user (falls back to {@code
 *     sub})
 * @param rolesClaim the claim listing the user's groups
 * @param roleMapping which Continuity roles each group grants; a user none of whose groups is
 *     mapped cannot sign in
 */
@ConfigurationProperties("continuity.security.oidc")
public record OidcProperties(
    @DefaultValue("preferred_username") String usernameClaim,
    @DefaultValue("groups") String rolesClaim,
    Map<String, Set<Role>> roleMapping) {

  public OidcProperties {
    roleMapping = roleMapping == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(roleMapping));
  }

  /** The roles the given groups grant. */
  Set<Role> rolesFor(Collection<String> groups) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String group : groups) {
      roles.addAll(roleMapping.getOrDefault(group, Set.of()));
    }
    return roles;
  }
}

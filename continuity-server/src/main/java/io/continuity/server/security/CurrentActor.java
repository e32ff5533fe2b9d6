package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Gives controllers and services the authenticated user of the current request without touching
 * Spring Security types, so audit events and approvals record who acted.
 */
@Component
public class CurrentActor {

  /** The authenticated user, or empty for anonymous requests and background work. */
  public Optional<AuthenticatedActor> find() {
    return actorOf(SecurityContextHolder.getContext().getAuthentication());
  }

  /**
   * The authenticated user.
   *
   * @throws AuthenticationCredentialsNotFoundException when nobody is authenticated (answered 401)
   */
  public AuthenticatedActor require() {
    return find()
        .orElseThrow(
            () ->
                new AuthenticationCredentialsNotFoundException(
                    "this action needs an authenticated user"));
  }

  /** True when the current request was authenticated with an API token (not a password). */
  public boolean viaApiToken() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication;
  }

  static Optional<AuthenticatedActor> actorOf(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      for (Role role : Role.values()) {
        if (SecurityRoles.authority(role).equals(authority.getAuthority())) {
          roles.add(role);
        }
      }
    }
    return Optional.of(new AuthenticatedActor(authentication.getName(), roles));
  }
}

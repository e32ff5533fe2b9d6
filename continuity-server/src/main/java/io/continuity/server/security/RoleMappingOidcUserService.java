package io.continuity.server.security;

import io.continuity.core.identity.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a person the OIDC provider authenticated into a Continuity user: the name from {@code
 * continuity.security.oidc.username-claim}, the roles from the groups in {@code roles-claim}
 * through {@code role-mapping}. Someone with no mapped group is refused (nobody gets in without a
 * role); everyone else is recorded in {@link SsoUserRepository} so the user directory knows them.
 */
final class RoleMappingOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

  static final String NO_ROLE = "no_continuity_role";
  private static final Logger log = LoggerFactory.getLogger(RoleMappingOidcUserService.class);

  private final OidcUserService delegate = new OidcUserService();
  private final OidcProperties properties;
  private final SsoUserRepository users;
  private final Clock clock;

  RoleMappingOidcUserService(OidcProperties properties, SsoUserRepository users, Clock clock) {
    this.properties = properties;
    this.users = users;
    this.clock = clock;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser signedIn = delegate.loadUser(request);
    String nameClaim =
        signedIn.getClaimAsString(properties.usernameClaim()) != null
            ? properties.usernameClaim()
            : "sub";
    String username = signedIn.getClaimAsString(nameClaim);
    List<String> groups = groups(signedIn.getClaims().get(properties.rolesClaim()));
    Set<Role> roles = properties.rolesFor(groups);
    if (roles.isEmpty()) {
      log.info("SSO sign-in of {} refused: none of the groups {} is mapped", username, groups);
      throw new OAuth2AuthenticationException(
          new OAuth2Error(NO_ROLE),
          username
              + " signed in, but none of their groups "
              + groups
              + " grants a Continuity role: ask an administrator to map one in"
              + " continuity.security.oidc.role-mapping");
    }
    users.signedIn(username, roles, Optional.ofNullable(signedIn.getEmail()), clock.instant());
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles.forEach(
        role -> authorities.add(new SimpleGrantedAuthority(SecurityRoles.authority(role))));
    return new DefaultOidcUser(
        authorities, signedIn.getIdToken(), signedIn.getUserInfo(), nameClaim);
  }

  private static List<String> groups(Object claim) {
    List<String> groups = new ArrayList<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(v -> groups.add(String.valueOf(v)));
    } else if (claim instanceof String value && !value.isBlank()) {
      for (String part : value.split("[,\\s]+")) {
        groups.add(part);
      }
    }
    return groups;
  }
}

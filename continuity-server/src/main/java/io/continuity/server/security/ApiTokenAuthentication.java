package io.continuity.server.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A request authenticated by an API token: its owner, with the owner's roles now. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

  private final String owner;
  private final String tokenId;

  ApiTokenAuthentication(
      String owner, String tokenId, Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.owner = owner;
    this.tokenId = tokenId;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return owner;
  }

  @Override
  public String getName() {
    return owner;
  }

  String tokenId() {
    return tokenId;
  }
}

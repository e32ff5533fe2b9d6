package io.continuity.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer ct_...} on machine paths with {@link ApiTokens}: the
 * token's owner, with the roles the user directory gives them now (a user removed from the
 * configuration is refused even with a live token). A bearer that is not a live token is answered
 * 401 at once, never passed on anonymously, and counted by the {@link SignInThrottle} (which has
 * already refused a throttled address before this filter). Other requests go on untouched.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final UserDirectory directory;
  private final AuthenticationEntryPoint entryPoint;
  private final SignInThrottle throttle;

  ApiTokenFilter(
      ApiTokens tokens,
      UserDirectory directory,
      AuthenticationEntryPoint entryPoint,
      SignInThrottle throttle) {
    this.tokens = tokens;
    this.directory = directory;
    this.entryPoint = entryPoint;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> bearer = bearer(request);
    if (bearer.isEmpty() || !SecurityPaths.isMachinePath(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiTokenAuthentication> authentication =
        tokens
            .authenticate(bearer.get())
            .flatMap(
                token ->
                    directory
                        .find(token.owner())
                        .map(
                            user ->
                                new ApiTokenAuthentication(
                                    user.username(),
                                    token.id(),
                                    user.roles().stream()
                                        .map(
                                            r ->
                                                new SimpleGrantedAuthority(
                                                    SecurityRoles.authority(r)))
                                        .toList())));
    Optional<SignInThrottleFilter.Checked> checked = SignInThrottleFilter.Checked.of(request);
    if (authentication.isEmpty()) {
      checked.ifPresent(
          c ->
              throttle.failed(
                  c.attempt(),
                  "API token refused: unknown, expired or revoked, or its owner has no access"));
      SecurityContextHolder.clearContext();
      entryPoint.commence(
          request,
          response,
          new BadCredentialsException("the API token is unknown, expired or revoked"));
      return;
    }
    checked.ifPresent(c -> throttle.succeeded(c.attempt(), c.hadRecord()));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication.get());
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
  }
}

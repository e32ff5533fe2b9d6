package io.continuity.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Answers unauthenticated requests: API, actuator and OpenAPI clients get 401 problem+json with a
 * Basic challenge; browsers asking for a page are sent to the login form ({@code /login?expired}
 * when their session timed out). Failed sign-ins are counted and audited by {@link SignInThrottle}.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

  private final AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException, jakarta.servlet.ServletException {
    if (SecurityPaths.isBrowserPage(request)) {
      if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
        // The browser's session ended (idle timeout): say so on the login page.
        response.sendRedirect(request.getContextPath() + "/login?expired");
        return;
      }
      loginPage.commence(request, response, authException);
      return;
    }
    boolean badCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    if (badCredentials) {
      log.info(
          "Authentication failed for {} {} from {}",
          request.getMethod(),
          request.getRequestURI(),
          request.getRemoteAddr());
    }
    boolean token = ApiTokenFilter.bearer(request).isPresent();
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        token ? "Bearer realm=\"continuity\"" : "Basic realm=\"continuity\"");
    ProblemResponses.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        token
            ? "The API token was not accepted: it is unknown, expired or revoked, or its owner no"
                + " longer has access. Issue a new one with POST /api/v1/tokens."
            : badCredentials
                ? "The credentials were not accepted; check the user name and password."
                : "Authentication is required: send HTTP Basic credentials or an API token, or"
                    + " log in at /login.");
  }
}

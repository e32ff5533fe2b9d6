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
 * when their session timed out), and so are console pages polling with htmx ({@code HX-Redirect}).
 * Failed sign-ins are counted and audited by {@link SignInThrottle}.
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
    boolean sessionEnded =
        request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    if (SecurityPaths.isBrowserPage(request)) {
      if (sessionEnded) {
        // The browser's session ended (idle timeout): say so on the login page.
        response.sendRedirect(request.getContextPath() + "/login?expired");
        return;
      }
      loginPage.commence(request, response, authException);
      return;
    }
    if ("true".equals(request.getHeader("HX-Request"))) {
      // A console page polling with htmx: send the whole page to the login page (htmx follows
      // HX-Redirect), and no Basic challenge, which would pop up the browser's password dialog.
      response.setHeader(
          "HX-Redirect", request.getContextPath() + (sessionEnded ? "/login?expired" : "/login"));
      ProblemResponses.write(
          request, response, HttpStatus.UNAUTHORIZED, "The session ended; sign in again.");
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

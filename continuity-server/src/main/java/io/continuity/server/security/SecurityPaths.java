package io.continuity.server.security;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests are machine clients (API, actuator, OpenAPI) and which are browser pages. */
final class SecurityPaths {

  static final String[] MACHINE_PATHS = {"/api/**", "/actuator/**", "/v3/api-docs/**"};

  private SecurityPaths() {}

  static boolean isMachinePath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/")
        || path.equals("/api")
        || path.startsWith("/actuator")
        || path.startsWith("/v3/api-docs");
  }

  /** A browser navigating to a page: not a machine path and it accepts HTML. */
  static boolean isBrowserPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return !isMachinePath(request) && accept != null && accept.contains("text/html");
  }

  /**
   * Requests CSRF protection does not apply to: those carrying HTTP Basic credentials or an API
   * token on a machine path (a browser cannot forge the header), and machine-path requests without
   * a session cookie (no ambient authority to abuse; they are authenticated, or refused with 401,
   * like any API call).
   */
  static boolean isCsrfExempt(HttpServletRequest request) {
    return hasBasicCredentials(request)
        || (isMachinePath(request) && ApiTokenFilter.bearer(request).isPresent())
        || (isMachinePath(request) && request.getRequestedSessionId() == null);
  }

  static boolean hasBasicCredentials(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }
}

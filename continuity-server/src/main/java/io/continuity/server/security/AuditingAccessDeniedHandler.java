package io.continuity.server.security;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers 403 with problem+json and records the denied attempt of an authenticated user in the
 * audit trail ({@link #ACCESS_DENIED}: who, method, path, their roles). Denials of anonymous
 * requests (a missing CSRF token) are only logged.
 */
final class AuditingAccessDeniedHandler implements AccessDeniedHandler {

  /** Event type recorded when an authenticated user is refused (HTTP 403). */
  static final String ACCESS_DENIED = "ACCESS_DENIED";

  private static final Logger log = LoggerFactory.getLogger(AuditingAccessDeniedHandler.class);

  private final AuditTrail audit;
  private final Clock clock;

  AuditingAccessDeniedHandler(AuditTrail audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    boolean csrf = denied instanceof CsrfException;
    String reason =
        csrf
            ? "missing or invalid CSRF token"
            : "the user's roles do not allow " + request.getMethod() + " " + path(request);
    Optional<AuthenticatedActor> actor =
        CurrentActor.actorOf(SecurityContextHolder.getContext().getAuthentication());
    if (actor.isPresent()) {
      record(actor.get(), request, reason);
    } else {
      log.info("Denied anonymous {} {}: {}", request.getMethod(), path(request), reason);
    }
    ProblemResponses.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        csrf
            ? "The request has no valid CSRF token: reload the page, or call the API with HTTP"
                + " Basic credentials."
            : "Your roles do not allow this request; ask an administrator for the role it needs.");
  }

  private void record(AuthenticatedActor actor, HttpServletRequest request, String reason) {
    try {
      audit.append(
          GenericAuditEvent.of(
              ACCESS_DENIED,
              actor.id(),
              clock.instant(),
              reason,
              Map.of(
                  "method", request.getMethod(),
                  "path", path(request),
                  "roles",
                      String.join(
                          ",", new TreeSet<>(actor.roles().stream().map(Enum::name).toList())))));
    } catch (RuntimeException e) {
      // The 403 stands either way; a failing audit store must be visible to operators.
      log.error("Could not audit denied request of {} to {}", actor.id(), path(request), e);
    }
  }

  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri.length() > 500 ? uri.substring(0, 500) : uri;
  }
}

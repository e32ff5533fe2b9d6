package io.continuity.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before any credential is checked (form, HTTP Basic, API token): a request from a blocked
 * (user name, client address) pair is answered at once, without looking at the password, so a
 * throttled guess tells nothing. The API gets 429 problem+json with {@code Retry-After}; the login
 * form is sent back to {@code /login?throttled=<seconds>}. Any other attempt goes on, marked with
 * its {@link Checked} attempt for {@link SignInOutcomes} and {@link ApiTokenFilter} to record.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

  /** Request attribute holding the {@link Checked} attempt of this request. */
  static final String ATTEMPT = SignInThrottleFilter.class.getName() + ".attempt";

  private final SignInThrottle throttle;

  SignInThrottleFilter(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<SignInAttempt> attempt = SignInAttempt.of(request);
    if (attempt.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    SignInThrottle.Verdict verdict = throttle.check(attempt.get());
    if (verdict.throttled()) {
      throttle.throttled(attempt.get());
      refuse(request, response, attempt.get(), verdict.retryAfterSeconds());
      return;
    }
    request.setAttribute(ATTEMPT, new Checked(attempt.get(), verdict.hadRecord()));
    chain.doFilter(request, response);
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, SignInAttempt attempt, long seconds)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    if (attempt.mechanism() == SignInMechanism.FORM) {
      response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
      return;
    }
    ProblemResponses.write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "Too many failed sign-ins for this user from this address; try again in "
            + seconds
            + " s. Sign-ins from other addresses are not affected.");
  }

  /** The attempt of a request that was allowed to try, and whether its pair had failures. */
  record Checked(SignInAttempt attempt, boolean hadRecord) {

    static Optional<Checked> of(HttpServletRequest request) {
      return request.getAttribute(ATTEMPT) instanceof Checked checked
          ? Optional.of(checked)
          : Optional.empty();
    }
  }
}

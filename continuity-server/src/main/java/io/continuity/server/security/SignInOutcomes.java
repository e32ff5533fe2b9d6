package io.continuity.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Tells the throttle how a password sign-in (form or HTTP Basic) ended, from Spring Security's
 * authentication events, for the attempt {@link SignInThrottleFilter} marked on the request.
 * Sign-ins without such a mark (single sign-on) are not counted here.
 */
@Component
class SignInOutcomes {

  private final SignInThrottle throttle;

  SignInOutcomes(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @EventListener
  void onFailure(AbstractAuthenticationFailureEvent event) {
    checked().ifPresent(c -> throttle.failed(c.attempt(), reason(event.getException())));
  }

  @EventListener
  void onSuccess(AuthenticationSuccessEvent event) {
    checked().ifPresent(c -> throttle.succeeded(c.attempt(), c.hadRecord()));
  }

  static String reason(AuthenticationException e) {
    if (e instanceof BadCredentialsException) {
      return "bad credentials: unknown user or wrong password";
    }
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return "refused: " + kind;
  }

  private static Optional<SignInThrottleFilter.Checked> checked() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return SignInThrottleFilter.Checked.of(request)
          .filter(c -> c.attempt().mechanism() != SignInMechanism.API_TOKEN);
    }
    return Optional.empty();
  }
}

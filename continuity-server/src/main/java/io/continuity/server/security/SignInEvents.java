package io.continuity.server.security;

/** The audit event types the sign-in guard records (decision 017). */
public final class SignInEvents {

  /**
   * A failed sign-in: user name tried, client address, mechanism, reason and the pair's failures
   * since its previous such event (at most one per pair and minute). Never the password or token.
   */
  public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";

  /**
   * A (user name, client address) pair crossed the throttle threshold and is refused for a while.
   */
  public static final String SIGN_IN_THROTTLED = "SIGN_IN_THROTTLED";

  /** The actor of these events: nobody is authenticated, so the person is not named as actor. */
  public static final String ANONYMOUS = "anonymous";

  /** The actor of {@link #SIGN_IN_THROTTLED}: the throttle itself. */
  public static final String THROTTLE = "system:sign-in-throttle";

  private SignInEvents() {}
}

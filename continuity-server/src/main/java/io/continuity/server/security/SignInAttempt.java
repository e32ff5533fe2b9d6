package io.continuity.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * One try to sign in, as the throttle counts it: the mechanism, the user name tried (lower case,
 * like the user store compares it, at most 200 characters, control characters removed) and the
 * client address ({@code request.getRemoteAddr()}, which honours {@code X-Forwarded-For} only from
 * trusted proxies, see {@link TrustedProxies}). Never holds the password or token.
 *
 * <p>API-token attempts are counted under the fixed name {@link #API_TOKEN_USER}: a bad token names
 * nobody, so its failures count per address.
 */
public record SignInAttempt(SignInMechanism mechanism, String username, String clientAddress) {

  /** The user name API-token attempts are counted under. */
  public static final String API_TOKEN_USER = "(api token)";

  static final int MAX_USERNAME = 200;

  /** The sign-in this request attempts, empty when it carries no credentials. */
  static Optional<SignInAttempt> of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    if (isFormLogin(request)) {
      return normalize(request.getParameter("username"))
          .map(user -> new SignInAttempt(SignInMechanism.FORM, user, address));
    }
    if (SecurityPaths.hasBasicCredentials(request)) {
      return basicUser(request.getHeader("Authorization"))
          .flatMap(SignInAttempt::normalize)
          .map(user -> new SignInAttempt(SignInMechanism.BASIC, user, address));
    }
    if (SecurityPaths.isMachinePath(request) && ApiTokenFilter.bearer(request).isPresent()) {
      return Optional.of(new SignInAttempt(SignInMechanism.API_TOKEN, API_TOKEN_USER, address));
    }
    return Optional.empty();
  }

  private static boolean isFormLogin(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod()) && "/login".equals(path);
  }

  private static Optional<String> basicUser(String header) {
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<String> normalize(String username) {
    if (username == null) {
      return Optional.empty();
    }
    String clean = username.strip().replaceAll("\\p{Cntrl}", "").toLowerCase(Locale.ROOT);
    if (clean.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(clean.length() > MAX_USERNAME ? clean.substring(0, MAX_USERNAME) : clean);
  }
}

package io.continuity.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * One-time codes of the command line's browser sign-in (RFC 8252 loopback flow with PKCE): the
 * console issues one to a signed-in user after a confirmed POST, the CLI exchanges it once, within
 * {@link #LIFETIME}, together with the PKCE verifier whose S256 challenge the code was bound to.
 * Only the SHA-256 of a code is kept, in the state store ({@code cli_login_code}), so any server
 * instance can take the exchange.
 */
@Service
public class CliLoginCodes {

  /** How long a code may be exchanged. */
  public static final Duration LIFETIME = Duration.ofMinutes(2);

  /** A PKCE S256 challenge: base64url of a SHA-256, 43 characters. */
  public static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final CliLoginCodeRepository repository;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  CliLoginCodes(CliLoginCodeRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Why an exchange was refused; the message says which check failed. */
  public static final class RefusedException extends RuntimeException {
    private final String field;

    RefusedException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Issues a code for {@code owner} bound to the PKCE {@code challenge} (S256). */
  public String issue(String owner, String challenge) {
    if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
      throw new IllegalArgumentException("code_challenge must be a base64url S256 challenge");
    }
    Instant now = clock.instant();
    repository.deleteExpired(now);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    repository.insert(
        hex(sha256(code)),
        new CliLoginCodeRepository.Pending(owner, challenge, now.plus(LIFETIME)));
    return code;
  }

  /**
   * Exchanges a code once: the owner it was issued to.
   *
   * @throws RefusedException when the code is unknown, used, expired or the verifier does not match
   */
  public String redeem(String code, String verifier) {
    if (code == null || code.isBlank()) {
      throw new RefusedException("code", "code is required");
    }
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      throw new RefusedException(
          "code_verifier", "code_verifier is required (43 to 128 unreserved characters)");
    }
    CliLoginCodeRepository.Pending found = repository.take(hex(sha256(code))).orElse(null);
    if (found == null) {
      throw new RefusedException("code", "the code is unknown or was already used");
    }
    if (!found.expiresAt().isAfter(clock.instant())) {
      throw new RefusedException(
          "code", "the code expired (codes live " + LIFETIME.toMinutes() + " minutes)");
    }
    String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    if (!MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.US_ASCII),
        found.challenge().getBytes(StandardCharsets.US_ASCII))) {
      throw new RefusedException(
          "code_verifier",
          "code_verifier does not match the code_challenge the code was issued for");
    }
    return found.owner();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

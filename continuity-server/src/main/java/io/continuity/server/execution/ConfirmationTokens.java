package io.continuity.server.execution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies confirmation tokens: {@code base64url(claims JSON) + "." +
 * base64url(HMAC-SHA256)} under the key {@code continuity.execution.token-secret} (or a random key
 * made at start-up). The claims are not secret (ids, sites, markers, a hash); the HMAC makes them
 * unforgeable, so the server can compare them with the present and name what changed.
 */
@Component
class ConfirmationTokens {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key;

  ConfirmationTokens(ExecutionEngineProperties properties) {
    String secret = properties.tokenSecret();
    if (secret == null || secret.isBlank()) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    } else {
      key = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  String issue(ConfirmationToken claims) {
    String payload =
        ENCODER.encodeToString(PlanJson.writeValue(claims).getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODER.encodeToString(mac(payload));
  }

  /**
   * The claims of a token this server issued.
   *
   * @throws InvalidTokenException when the token is malformed or its HMAC does not match
   */
  ConfirmationToken verify(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException(
          "confirmationToken is required: read GET /api/v1/executions/{id}/plan and send its"
              + " confirmationToken");
    }
    int dot = token.indexOf('.');
    if (dot < 1) {
      throw new InvalidTokenException("confirmationToken is malformed: read the plan again");
    }
    String payload = token.substring(0, dot);
    byte[] given;
    try {
      given = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("confirmationToken is malformed: read the plan again");
    }
    if (!MessageDigest.isEqual(given, mac(payload))) {
      throw new InvalidTokenException(
          "confirmationToken was not issued by this server (or the server's token secret changed):"
              + " read the plan again");
    }
    try {
      return PlanJson.readValue(
          new String(DECODER.decode(payload), StandardCharsets.UTF_8), ConfirmationToken.class);
    } catch (RuntimeException e) {
      throw new InvalidTokenException("confirmationToken is malformed: read the plan again");
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** A token that cannot be used at all (answered 400). */
  static class InvalidTokenException extends ConfirmationRefusedException {
    InvalidTokenException(String message) {
      super(Kind.TOKEN_INVALID, message, java.util.List.of(), java.util.List.of());
    }
  }
}

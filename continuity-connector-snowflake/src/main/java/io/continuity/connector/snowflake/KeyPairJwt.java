package io.continuity.connector.snowflake;

import io.continuity.connector.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Key-pair authentication for the SQL API with the JDK alone ([doc]
 * https://docs.snowflake.com/developer-guide/sql-api/authenticating): an RS256 JWT whose {@code
 * iss} is {@code ACCOUNT.USER.SHA256:<fingerprint>} and {@code sub} is {@code ACCOUNT.USER},
 * account and user upper-case, the fingerprint being base64(SHA-256(DER SubjectPublicKeyInfo)) of
 * the public key derived from the PKCS#8 private key. A token lives at most one hour and is minted
 * again before it lapses. Neither the key nor a token is ever put in a message or {@link
 * #toString()}.
 */
final class KeyPairJwt {

  /** Snowflake refuses tokens whose lifetime exceeds one hour. */
  static final Duration MAX_LIFETIME = Duration.ofHours(1);

  private final String account;
  private final String user;
  private final PrivateKey key;
  private final String fingerprint;
  private final Duration lifetime;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;

  private KeyPairJwt(
      String account,
      String user,
      PrivateKey key,
      String fingerprint,
      Duration lifetime,
      Clock clock) {
    this.account = account;
    this.user = user;
    this.key = key;
    this.fingerprint = fingerprint;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * Reads a PKCS#8 PEM key and prepares tokens for {@code account}/{@code user}.
   *
   * @throws IllegalArgumentException saying what is wrong with the key (never echoing it)
   */
  static KeyPairJwt of(
      String accountIdentifier, String user, String pem, Duration lifetime, Clock clock) {
    if (lifetime.compareTo(MAX_LIFETIME) > 0 || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the JWT lifetime must be positive and at most 1 hour");
    }
    PrivateKey key = readPrivateKey(pem);
    return new KeyPairJwt(
        jwtAccount(accountIdentifier),
        user.trim().toUpperCase(Locale.ROOT),
        key,
        fingerprint(publicKeyOf(key)),
        lifetime,
        clock);
  }

  /**
   * The account as the JWT names it: upper-case, without anything after the first dot (a locator's
   * region, {@code .privatelink}, {@code .global}).
   */
  static String jwtAccount(String accountIdentifier) {
    String account = accountIdentifier.trim().toUpperCase(Locale.ROOT);
    int dot = account.indexOf('.');
    return dot > 0 ? account.substring(0, dot) : account;
  }

  /** A valid token, minted again when less than a tenth of its lifetime (min. 1 min) is left. */
  synchronized String token() {
    Instant now = clock.instant();
    Duration margin = lifetime.dividedBy(10);
    if (margin.compareTo(Duration.ofMinutes(1)) < 0) {
      margin = lifetime.dividedBy(2);
    }
    if (token == null || !now.isBefore(expiresAt.minus(margin))) {
      mint(now);
    }
    return token;
  }

  /** Forgets the current token (the server refused it): the next call mints a new one. */
  synchronized void invalidate() {
    token = null;
  }

  String issuer() {
    return account + "." + user + "." + fingerprint;
  }

  String subject() {
    return account + "." + user;
  }

  String fingerprint() {
    return fingerprint;
  }

  private void mint(Instant now) {
    long iat = now.getEpochSecond();
    Instant exp = now.plus(lifetime);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer());
    claims.put("sub", subject());
    claims.put("iat", iat);
    claims.put("exp", exp.getEpochSecond());
    String signingInput = b64(Json.write(header)) + "." + b64(Json.write(claims));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      token =
          signingInput
              + "."
              + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
      expiresAt = Instant.ofEpochSecond(exp.getEpochSecond());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the JWT: " + e.getClass().getSimpleName());
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static PrivateKey readPrivateKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("the private key is empty");
    }
    if (pem.contains("ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "the private key is encrypted: give an unencrypted PKCS#8 key (BEGIN PRIVATE KEY) from a"
              + " secret store; encrypted keys are not supported");
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "the private key is PKCS#1 (BEGIN RSA PRIVATE KEY): convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt' to PKCS#8 (BEGIN PRIVATE KEY)");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "the private key is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
    }
    String body =
        pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException(
            "the private key must be an RSA key of 2048 bits or more");
      }
      return key;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("the private key")) {
        throw e;
      }
      throw new IllegalArgumentException("the private key is not valid base64 PKCS#8");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the private key is not a valid RSA PKCS#8 key");
    }
  }

  static PublicKey publicKeyOf(PrivateKey key) {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot derive the public key");
    }
  }

  /** {@code SHA256:} + base64(SHA-256(DER SubjectPublicKeyInfo)), as DESCRIBE USER shows it. */
  static String fingerprint(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return "SHA256:" + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable");
    }
  }

  @Override
  public String toString() {
    return "KeyPairJwt[" + subject() + ", " + fingerprint + "]";
  }
}

package io.continuity.lab.snowflake;

import com.sun.net.httpserver.HttpExchange;
import io.continuity.connector.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** The key-pair JWT check of a {@link FakeAccount}, written independently of the connector. */
final class JwtCheck {

  private JwtCheck() {}

  /**
   * Snowflake's public-key fingerprint, computed here independently of the connector: {@code
   * SHA256:} + base64(SHA-256(DER SubjectPublicKeyInfo)) ("Key-pair authentication and key-pair
   * rotation", docs.snowflake.com/en/user-guide/key-pair-auth).
   */
  static String fingerprint(PublicKey key) throws java.security.GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return "SHA256:" + Base64.getEncoder().encodeToString(digest);
  }

  /** RS256 with the registered key, iss/sub format, at most one hour, not expired. */
  static boolean authenticated(
      HttpExchange exchange, String identifier, Map<String, PublicKey> keys) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String type = exchange.getRequestHeaders().getFirst("X-Snowflake-Authorization-Token-Type");
    if (auth == null || !auth.startsWith("Bearer ") || !"KEYPAIR_JWT".equals(type)) {
      return false;
    }
    String[] parts = auth.substring(7).split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      Map<String, Object> header = Json.parseObject(decode(parts[0]));
      Map<String, Object> claims = Json.parseObject(decode(parts[1]));
      if (!"RS256".equals(header.get("alg"))) {
        return false;
      }
      String sub = String.valueOf(claims.get("sub"));
      String iss = String.valueOf(claims.get("iss"));
      String account = identifier.toUpperCase(Locale.ROOT);
      if (!sub.startsWith(account + ".") || !sub.equals(sub.toUpperCase(Locale.ROOT))) {
        return false;
      }
      PublicKey key = keys.get(sub.substring(account.length() + 1));
      if (key == null || !iss.equals(sub + "." + fingerprint(key))) {
        return false;
      }
      long iat = ((Number) claims.get("iat")).longValue();
      long exp = ((Number) claims.get("exp")).longValue();
      long now = System.currentTimeMillis() / 1000;
      if (exp - iat > 3600 || exp <= now || iat > now + 60) {
        return false;
      }
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (Exception e) {
      return false;
    }
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}

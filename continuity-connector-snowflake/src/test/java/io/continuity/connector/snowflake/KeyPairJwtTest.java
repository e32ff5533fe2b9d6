package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyPairJwtTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void tokenNamesAccountAndUserUpperCaseWithThePublicKeysFingerprint() throws Exception {
    KeyPairJwt jwt =
        KeyPairJwt.of(
            "myorg-east",
            "continuity",
            SnowflakeLab.PRIVATE_KEY_PEM,
            Duration.ofMinutes(59),
            clock);

    String[] parts = jwt.token().split("\\.");
    Map<String, Object> header = Json.parseObject(decode(parts[0]));
    Map<String, Object> claims = Json.parseObject(decode(parts[1]));

    String fingerprint =
        "SHA256:"
            + Base64.getEncoder()
                .encodeToString(
                    MessageDigest.getInstance("SHA-256")
                        .digest(SnowflakeLab.keys().getPublic().getEncoded()));
    assertThat(header).containsEntry("alg", "RS256").containsEntry("typ", "JWT");
    assertThat(claims.get("sub")).isEqualTo("MYORG-EAST.CONTINUITY");
    assertThat(claims.get("iss")).isEqualTo("MYORG-EAST.CONTINUITY." + fingerprint);
    long iat = (Long) claims.get("iat");
    long exp = (Long) claims.get("exp");
    assertThat(iat).isEqualTo(now.get().getEpochSecond());
    assertThat(exp - iat).isEqualTo(59 * 60).isLessThanOrEqualTo(3600);
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(SnowflakeLab.keys().getPublic());
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void tokenIsReusedWhileFreshAndMintedAgainBeforeItLapses() {
    KeyPairJwt jwt =
        KeyPairJwt.of(
            "MYORG-EAST",
            "continuity",
            SnowflakeLab.PRIVATE_KEY_PEM,
            Duration.ofMinutes(60),
            clock);
    String first = jwt.token();

    now.set(now.get().plus(Duration.ofMinutes(30)));
    assertThat(jwt.token()).as("half-way through its life").isEqualTo(first);

    now.set(now.get().plus(Duration.ofMinutes(25)));
    String renewed = jwt.token();
    assertThat(renewed).as("6 minutes before expiry it is renewed").isNotEqualTo(first);
    assertThat(exp(renewed)).isGreaterThan(exp(first));
  }

  @Test
  void invalidatedTokenIsMintedAgain() {
    KeyPairJwt jwt =
        KeyPairJwt.of(
            "MYORG-EAST",
            "continuity",
            SnowflakeLab.PRIVATE_KEY_PEM,
            Duration.ofMinutes(60),
            clock);
    String first = jwt.token();
    now.set(now.get().plusSeconds(2));
    jwt.invalidate();
    assertThat(jwt.token()).isNotEqualTo(first);
  }

  @Test
  void accountForTheJwtDropsRegionAndPrivatelinkSuffixes() {
    assertThat(KeyPairJwt.jwtAccount("xy12345.us-east-1")).isEqualTo("XY12345");
    assertThat(KeyPairJwt.jwtAccount("myorg-analytics_euw.privatelink"))
        .isEqualTo("MYORG-ANALYTICS_EUW");
  }

  @Test
  void lifetimeOverOneHourIsRefused() {
    assertThatThrownBy(
            () ->
                KeyPairJwt.of(
                    "A", "U", SnowflakeLab.PRIVATE_KEY_PEM, Duration.ofMinutes(61), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 hour");
  }

  @Test
  void encryptedAndPkcs1KeysAreRefusedWithWhatToDoWithoutEchoingTheKey() {
    String encrypted =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIsecretsecret\n-----END ENCRYPTED PRIVATE KEY-----";
    String pkcs1 =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIsecretsecret\n-----END RSA PRIVATE KEY-----";
    assertThatThrownBy(() -> KeyPairJwt.readPrivateKey(encrypted))
        .hasMessageContaining("encrypted")
        .hasMessageNotContaining("MIIsecret");
    assertThatThrownBy(() -> KeyPairJwt.readPrivateKey(pkcs1))
        .hasMessageContaining("openssl pkcs8")
        .hasMessageNotContaining("MIIsecret");
    assertThatThrownBy(
            () ->
                KeyPairJwt.readPrivateKey(
                    "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"))
        .hasMessageNotContaining("!!!");
  }

  @Test
  void toStringShowsNeitherKeyNorToken() {
    KeyPairJwt jwt =
        KeyPairJwt.of(
            "MYORG-EAST",
            "continuity",
            SnowflakeLab.PRIVATE_KEY_PEM,
            Duration.ofMinutes(59),
            clock);
    String token = jwt.token();
    assertThat(jwt.toString()).doesNotContain(token.substring(0, 40)).doesNotContain("PRIVATE KEY");
  }

  private static long exp(String token) {
    return (Long) Json.parseObject(decode(token.split("\\.")[1])).get("exp");
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}

package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.server.support.TestStateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One-time codes of the CLI's browser sign-in on H2 and the real PostgreSQL: PKCE, single use (also
 * across two server instances), two-minute lifetime.
 */
class CliLoginCodesTest {

  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-12-03T06:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovingClock clock = new MovingClock();
  @TempDir Path dir;
  TestStateStore store;
  CliLoginCodes codes;

  void on(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    codes = new CliLoginCodes(new CliLoginCodeRepository(store.jdbc()), clock);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  final String verifier = "a-verifier-of-the-command-line-".repeat(2);

  static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aCodeIsExchangedOnceWithItsVerifier(TestStateStore.Kind kind) throws Exception {
    on(kind);
    String code = codes.issue("sam", challenge(verifier));
    assertThat(codes.redeem(code, verifier)).isEqualTo("sam");
    assertThatThrownBy(() -> codes.redeem(code, verifier))
        .isInstanceOf(CliLoginCodes.RefusedException.class)
        .hasMessageContaining("already used");
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void anExpiredCodeIsRefused(TestStateStore.Kind kind) throws Exception {
    on(kind);
    String code = codes.issue("sam", challenge(verifier));
    clock.now = clock.now.plus(CliLoginCodes.LIFETIME).plus(Duration.ofSeconds(1));
    assertThatThrownBy(() -> codes.redeem(code, verifier))
        .isInstanceOf(CliLoginCodes.RefusedException.class)
        .hasMessageContaining("expired");
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aCodeJustInsideItsLifetimeIsAccepted(TestStateStore.Kind kind) throws Exception {
    on(kind);
    String code = codes.issue("sam", challenge(verifier));
    clock.now = clock.now.plus(CliLoginCodes.LIFETIME).minusSeconds(1);
    assertThat(codes.redeem(code, verifier)).isEqualTo("sam");
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aWrongVerifierIsRefusedByFieldAndUsesTheCodeUp(TestStateStore.Kind kind) throws Exception {
    on(kind);
    String code = codes.issue("sam", challenge(verifier));
    assertThatThrownBy(() -> codes.redeem(code, verifier + "x"))
        .isInstanceOfSatisfying(
            CliLoginCodes.RefusedException.class,
            e -> assertThat(e.field()).isEqualTo("code_verifier"));
    assertThatThrownBy(() -> codes.redeem(code, verifier)).hasMessageContaining("already used");
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aCodeIssuedByOneInstanceIsTakenByAnotherOnlyOnce(TestStateStore.Kind kind) throws Exception {
    on(kind);
    CliLoginCodes other =
        new CliLoginCodes(
            new CliLoginCodeRepository(JdbcClient.create(store.newDataSource())), clock);
    String code = codes.issue("sam", challenge(verifier));
    assertThat(other.redeem(code, verifier)).isEqualTo("sam");
    assertThatThrownBy(() -> codes.redeem(code, verifier)).hasMessageContaining("already used");
    assertThat(store.jdbc().sql("select count(*) from cli_login_code").query(Long.class).single())
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aChallengeThatIsNotS256IsRefused(TestStateStore.Kind kind) {
    on(kind);
    assertThatThrownBy(() -> codes.issue("sam", "plain-verifier"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

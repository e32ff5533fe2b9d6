package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Confirmation tokens are unforgeable and say what changed. */
class ConfirmationTokensTest {

  static ExecutionEngineProperties withSecret(String secret) {
    ExecutionEngineProperties d = ExecutionEngineProperties.defaults();
    return new ExecutionEngineProperties(
        secret,
        d.maxSwitchoverLagBytes(),
        d.maxSwitchoverLagSeconds(),
        d.cooldown(),
        Map.of(),
        Duration.ofSeconds(30),
        1,
        1,
        Duration.ofSeconds(30),
        "test",
        d.overridablePrechecks());
  }

  static ConfirmationToken claims(long version, String primary, String hash) {
    return new ConfirmationToken(
        "EX-1",
        version,
        Map.of("db", primary),
        Map.of("db", "SIM_LSN 0/10"),
        Map.of("db", "16"),
        hash);
  }

  @Test
  void aTokenIsReadBackWithItsClaims() {
    ConfirmationTokens tokens = new ConfirmationTokens(withSecret("s1"));

    ConfirmationToken read = tokens.verify(tokens.issue(claims(4, "east", "h1")));

    assertThat(read).isEqualTo(claims(4, "east", "h1"));
  }

  @Test
  void aTokenSignedWithAnotherSecretOrAlteredIsRefused() {
    String token = new ConfirmationTokens(withSecret("s1")).issue(claims(4, "east", "h1"));
    ConfirmationTokens other = new ConfirmationTokens(withSecret("s2"));

    assertThatThrownBy(() -> other.verify(token))
        .isInstanceOf(ConfirmationRefusedException.class)
        .hasMessageContaining("not issued by this server");
    ConfirmationTokens same = new ConfirmationTokens(withSecret("s1"));
    String altered = "x" + token.substring(1);
    assertThatThrownBy(() -> same.verify(altered)).isInstanceOf(ConfirmationRefusedException.class);
    assertThatThrownBy(() -> same.verify("")).hasMessageContaining("confirmationToken is required");
  }

  @Test
  void changesNameTheTopologyThePlanAndTheVersionButNotAMovingMarker() {
    ConfirmationToken presented = claims(4, "east", "h1");
    ConfirmationToken now =
        new ConfirmationToken(
            "EX-1",
            5,
            Map.of("db", "west"),
            Map.of("db", "SIM_LSN 0/99"),
            Map.of("db", "153"),
            "h2");

    assertThat(presented.changesTo(now))
        .hasSize(3)
        .anyMatch(c -> c.contains("version 4 -> 5"))
        .anyMatch(c -> c.contains("the primary of db was east and is now west"))
        .anyMatch(c -> c.contains("plan changed"));
    assertThat(
            presented.changesTo(
                new ConfirmationToken(
                    "EX-1",
                    4,
                    Map.of("db", "east"),
                    Map.of("db", "SIM_LSN 0/99"),
                    Map.of("db", "153"),
                    "h1")))
        .isEmpty();
  }

  @Test
  void aDrMarkerThatWentBackwardsIsAChangeAndAnUnknownOneIsNot() {
    ConfirmationToken presented = claims(4, "east", "h1");

    assertThat(presented.changesTo(withDrMarker("SIM_LSN 0/8", "8")))
        .singleElement()
        .asString()
        .contains("DR marker of db went backwards")
        .contains("SIM_LSN 0/10 -> SIM_LSN 0/8");
    assertThat(presented.changesTo(withDrMarker("SIM_LSN 0/10", "16"))).isEmpty();
    assertThat(presented.changesTo(withDrMarker("none", null))).isEmpty();
    assertThat(presented.changesTo(withDrMarker("OTHER_KIND 0/1", "1"))).isEmpty();
  }

  static ConfirmationToken withDrMarker(String marker, String position) {
    return new ConfirmationToken(
        "EX-1",
        4,
        Map.of("db", "east"),
        Map.of("db", marker),
        position == null ? Map.of() : Map.of("db", position),
        "h1");
  }
}

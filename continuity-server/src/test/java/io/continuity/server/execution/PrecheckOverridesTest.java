package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which failed checks an override lets pass, and for whom; which checks policy may open. */
class PrecheckOverridesTest {

  static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
  static final Actor ALICE = Actor.person("alice", Role.OPERATOR);
  static final Actor CAROL = Actor.person("carol", Role.APPROVER, Role.OPERATOR);

  static final CheckResult LAG =
      CheckResult.fail("replication-lag", "db", "lag 900 bytes / 2m exceeds").asOverridable();
  static final CheckResult FRESH = CheckResult.pass("evidence-fresh", "db", "evidence is 1s old");
  static final CheckResult BUSY =
      CheckResult.fail("no-concurrent-run", "db", "execution EX-9 is running on db");

  static PrecheckOverride by(String actor, String checkId) {
    return new PrecheckOverride("EX-1", checkId, actor, "DR side is ahead of us", "seen", AT, 7);
  }

  @Test
  void anOverrideByAnotherPersonLetsTheFailedCheckPassSayingWhoAndWhy() {
    List<CheckResult> applied =
        PrecheckOverrides.apply(
            List.of(by("carol", "db/replication-lag")), List.of(LAG, FRESH), ALICE);

    assertThat(applied.get(0).passed()).isTrue();
    assertThat(applied.get(0).overriddenBy()).isEqualTo("carol");
    assertThat(applied.get(0).detail())
        .startsWith("lag 900 bytes / 2m exceeds")
        .contains("OVERRIDDEN by carol")
        .contains("DR side is ahead of us");
    assertThat(applied.get(1)).isEqualTo(FRESH);
  }

  @Test
  void theOverriderWhoConfirmsGetsNoOverride() {
    List<CheckResult> applied =
        PrecheckOverrides.apply(List.of(by("carol", "db/replication-lag")), List.of(LAG), CAROL);

    assertThat(applied.get(0).passed()).isFalse();
    assertThat(applied.get(0).overriddenBy()).isNull();
    assertThat(applied.get(0).detail()).contains("does not count when carol confirms");
  }

  @Test
  void anOverrideNeverOpensACheckPolicyDoesNotAllowNorAnotherResourcesCheck() {
    List<CheckResult> applied =
        PrecheckOverrides.apply(
            List.of(by("carol", "db/no-concurrent-run"), by("carol", "other/replication-lag")),
            List.of(BUSY, LAG),
            ALICE);

    assertThat(applied).extracting(CheckResult::passed).containsExactly(false, false);
  }

  @Test
  void policyMayOpenOnlyLagFreshnessAndAnUnknownPrimary() {
    ExecutionEngineProperties d = ExecutionEngineProperties.defaults();

    assertThat(d.overridablePrechecks())
        .containsExactlyInAnyOrder("replication-lag", "evidence-fresh", "primary-known");
    assertThatThrownBy(
            () ->
                new ExecutionEngineProperties(
                    null,
                    1,
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    Map.of(),
                    null,
                    1,
                    1,
                    Duration.ofSeconds(30),
                    null,
                    Set.of("replication-lag", "no-concurrent-run")))
        .hasMessageContaining("'no-concurrent-run' cannot be overridden");
  }
}

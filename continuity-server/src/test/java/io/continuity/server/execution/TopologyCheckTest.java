package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.OperationType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The topology precheck fails closed: a primary nobody can name never lets a run start. */
class TopologyCheckTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private static Optional<EvidenceReader.ObservedPrimary> seen(
      String primary, String... unreachable) {
    return Optional.of(
        new EvidenceReader.ObservedPrimary(Optional.ofNullable(primary), List.of(unreachable), AT));
  }

  @Test
  void theRecordedPrimarySeenAsPrimaryPasses() {
    CheckResult check = TopologyCheck.of("db", OperationType.SWITCHOVER, "east", seen("east"));

    assertThat(check.passed()).isTrue();
    assertThat(check.id()).isEqualTo("topology");
  }

  @Test
  void anotherSiteSeenAsPrimaryFails() {
    CheckResult check = TopologyCheck.of("db", OperationType.SWITCHOVER, "east", seen("west"));

    assertThat(check.passed()).isFalse();
    assertThat(check.id()).isEqualTo("topology");
    assertThat(check.detail()).contains("monitoring observes west").contains("records east");
  }

  @Test
  void aConnectorThatNamesNoPrimaryFailsTheCheckInsteadOfPassingIt() {
    for (OperationType type :
        List.of(OperationType.SWITCHOVER, OperationType.DRILL, OperationType.FAILBACK)) {
      CheckResult check = TopologyCheck.of("db", type, "east", seen(null));

      assertThat(check.passed()).as(type.name()).isFalse();
      assertThat(check.id()).isEqualTo("primary-known");
      assertThat(check.detail()).contains("reports no primary").contains("every site reachable");
    }
  }

  @Test
  void noSuccessfulProbeAtAllFails() {
    CheckResult check = TopologyCheck.of("db", OperationType.FAILOVER, "east", Optional.empty());

    assertThat(check.passed()).isFalse();
    assertThat(check.id()).isEqualTo("primary-known");
  }

  @Test
  void aFailoverAwayFromAnUnreachablePrimaryIsWhatFailoverIsFor() {
    CheckResult check = TopologyCheck.of("db", OperationType.FAILOVER, "east", seen(null, "east"));

    assertThat(check.passed()).isTrue();
    assertThat(check.detail()).contains("east is unreachable");
  }

  @Test
  void aFailoverWhilstThePrimarySiteAnswersButNamesNoPrimaryFails() {
    CheckResult check = TopologyCheck.of("db", OperationType.FAILOVER, "east", seen(null, "west"));

    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).contains("unreachable [west]");
  }

  @Test
  void aRecoveryThatStartsTheOldPrimaryPassesWhenNoPrimaryIsSeenWhetherItsSiteAnswersOrNot() {
    CheckResult stopped = TopologyCheck.forResume("db", "east", seen(null));
    CheckResult unreachable = TopologyCheck.forResume("db", "east", seen(null, "east"));
    CheckResult elsewhere = TopologyCheck.forResume("db", "east", seen("west"));
    CheckResult noProbe = TopologyCheck.forResume("db", "east", Optional.empty());

    assertThat(stopped.passed()).isTrue();
    assertThat(stopped.detail()).contains("this recovery starts it again");
    assertThat(unreachable.passed())
        .as("a quiesce that stopped the server leaves its site unreachable")
        .isTrue();
    assertThat(unreachable.detail()).contains("east does not answer");
    assertThat(elsewhere.passed()).isFalse();
    assertThat(elsewhere.detail()).contains("monitoring observes west");
    assertThat(noProbe.passed()).isFalse();
  }
}

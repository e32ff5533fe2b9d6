package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.codes;
import static io.continuity.core.status.StatusFixtures.evaluatorAt;
import static io.continuity.core.status.StatusFixtures.healthy;
import static io.continuity.core.status.StatusFixtures.observed;
import static io.continuity.core.status.StatusFixtures.resource;
import static io.continuity.core.status.StatusFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One site out of reach while the other answers: visibility OK but partial, never GREEN. */
class SiteConnectivityStatusTest {

  private static final Resource TIER_1 = resource(Tier.TIER_1);
  private static final Resource BYTES =
      resource(
          Tier.TIER_1,
          new RpoPolicy(
              Duration.ofSeconds(60),
              Duration.ofSeconds(30),
              OptionalLong.of(1_000),
              OptionalLong.of(10_000)),
          Optional.empty());

  private static StatusOutcome evaluate(Resource resource, ProbeResult result) {
    return evaluatorAt(T0.plusSeconds(5)).evaluate(resource, observed(result), Optional.empty());
  }

  @Test
  void oneSiteUnreachableIsYellowWithPartialVisibility() {
    ProbeResult result =
        healthy(T0)
            .sites(
                List.of(
                    SiteConnectivity.reachable(PRIMARY),
                    site(DR, Connectivity.TIMED_OUT, "connect timed out")))
            .build();

    StatusOutcome outcome = evaluate(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(codes(outcome)).containsExactly(ReasonCode.SITE_UNREACHABLE);
    assertThat(outcome.primaryReason().message())
        .contains("Site west", "timed out: connect timed out", "partial");
    assertThat(outcome.primaryReason().evidence()).isEqualTo(EvidenceSource.CONNECTIVITY);
  }

  @Test
  void siteTheProbeDidNotReportCountsAsUnreachable() {
    ProbeResult result = healthy(T0).sites(List.of(SiteConnectivity.reachable(PRIMARY))).build();

    StatusOutcome outcome = evaluate(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.YELLOW);
    assertThat(codes(outcome)).containsExactly(ReasonCode.SITE_UNREACHABLE);
    assertThat(outcome.primaryReason().message()).contains("west", "reported nothing");
  }

  @Test
  void sitesReportedByRoleNameAreMatchedToTheConfiguredSites() {
    ProbeResult result =
        healthy(T0)
            .sites(List.of(SiteConnectivity.reachable("primary"), SiteConnectivity.reachable("dr")))
            .build();

    assertThat(evaluate(TIER_1, result).status()).isEqualTo(Status.GREEN);
  }

  @Test
  void authenticationFailureAtOneSiteIsRed() {
    ProbeResult result =
        healthy(T0)
            .sites(
                List.of(
                    site(PRIMARY, Connectivity.AUTH_FAILED, "password=hunter2 rejected"),
                    SiteConnectivity.reachable(DR)))
            .build();

    StatusOutcome outcome = evaluate(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(codes(outcome)).containsExactly(ReasonCode.AUTH_FAILED);
    assertThat(outcome.primaryReason().message()).contains("east").doesNotContain("hunter2");
  }
}

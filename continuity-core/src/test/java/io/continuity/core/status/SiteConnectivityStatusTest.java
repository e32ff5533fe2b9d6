package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.TIER_1;
import static io.continuity.core.status.StatusFixtures.codes;
import static io.continuity.core.status.StatusFixtures.evaluateFresh;
import static io.continuity.core.status.StatusFixtures.healthy;
import static io.continuity.core.status.StatusFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteConnectivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One site out of reach while the other answers: visibility OK but partial, never GREEN. */
class SiteConnectivityStatusTest {

  @Test
  void oneSiteUnreachableIsYellowWithPartialVisibility() {
    ProbeResult result =
        healthy(T0)
            .sites(
                List.of(
                    SiteConnectivity.reachable(PRIMARY),
                    site(DR, Connectivity.TIMED_OUT, "connect timed out")))
            .build();

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

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

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

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

    assertThat(evaluateFresh(TIER_1, result).status()).isEqualTo(Status.GREEN);
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

    StatusOutcome outcome = evaluateFresh(TIER_1, result);

    assertThat(outcome.status()).isEqualTo(Status.RED);
    assertThat(outcome.visibility()).isEqualTo(Visibility.OK);
    assertThat(codes(outcome)).containsExactly(ReasonCode.AUTH_FAILED);
    assertThat(outcome.primaryReason().message()).contains("east").doesNotContain("hunter2");
  }
}

package io.continuity.connector.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replica set scripted on the simulated platform: two members in the primary site, one in DR. */
class SimulatedMembersTest {

  private final String resourceId = Fixtures.newResourceId();

  @AfterEach
  void forget() {
    SimulatedPlatform.forget(resourceId);
  }

  private ConnectorConfig replicaSet(String... settings) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      map.put(settings[i], settings[i + 1]);
    }
    return new ConnectorConfig(
        resourceId,
        Platform.SIMULATED,
        List.of(
            new SiteEndpoint(
                Fixtures.PRIMARY,
                SiteRole.PRIMARY,
                Map.of(),
                List.of(
                    new MemberEndpoint("a-1", "a1.example", 27017, Map.of()),
                    new MemberEndpoint("a-2", "a2.example", 27017, Map.of()),
                    new MemberEndpoint("a-arb", "a3.example", 27017, Map.of("arbiter", "true")))),
            new SiteEndpoint(
                Fixtures.DR,
                SiteRole.DR,
                Map.of(),
                List.of(new MemberEndpoint("b-1", "b1.example", 27017, Map.of())))),
        map,
        Map.of(),
        new EnvironmentSecretResolver(Map.of()));
  }

  @Test
  void eachMemberIsReportedWithTheRoleItIsSeenIn() throws Exception {
    try (Connector connector = new SimulatedConnectorFactory().create(replicaSet())) {
      ProbeResult probe = connector.probe(Duration.ofSeconds(2));

      assertThat(probe.primarySite()).contains(Fixtures.PRIMARY);
      assertThat(probe.members())
          .extracting(MemberObservation::member, MemberObservation::role)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a-1", MemberRole.PRIMARY),
              org.assertj.core.groups.Tuple.tuple("a-2", MemberRole.SECONDARY),
              org.assertj.core.groups.Tuple.tuple("a-arb", MemberRole.ARBITER),
              org.assertj.core.groups.Tuple.tuple("b-1", MemberRole.SECONDARY));
      assertThat(probe.membersIn(Fixtures.DR).get(0).marker()).isEqualTo(probe.drMarker());
      assertThat(probe.membersIn(Fixtures.PRIMARY).get(2).marker())
          .as("arbiters hold no data")
          .isEmpty();
    }
  }

  @Test
  void aLostSiteHasNoPrimaryAndItsMembersAreUnknown() throws Exception {
    try (Connector connector =
        new SimulatedConnectorFactory()
            .create(replicaSet("scenario", "unreachable", "unreachableSites", "primary"))) {
      ProbeResult probe = connector.probe(Duration.ofSeconds(2));

      assertThat(probe.primarySite()).as("a primary nobody can see is not reported").isEmpty();
      assertThat(probe.membersIn(Fixtures.PRIMARY))
          .allSatisfy(
              m -> {
                assertThat(m.role()).isEqualTo(MemberRole.UNKNOWN);
                assertThat(m.connectivity()).isEqualTo(Connectivity.UNREACHABLE);
              });
      assertThat(probe.membersIn(Fixtures.DR))
          .extracting(MemberObservation::role)
          .containsExactly(MemberRole.SECONDARY);
    }
  }
}

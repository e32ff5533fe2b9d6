package io.continuity.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberProberTest {

  private final ConnectorConfig config =
      new ConnectorConfig(
          "rs",
          Platform.MONGODB,
          List.of(
              new SiteEndpoint(
                  "east",
                  SiteRole.PRIMARY,
                  Map.of(),
                  List.of(
                      new MemberEndpoint("east-1", "h1", 1, Map.of()),
                      new MemberEndpoint("east-2", "h2", 2, Map.of()))),
              new SiteEndpoint(
                  "west",
                  SiteRole.DR,
                  Map.of(),
                  List.of(new MemberEndpoint("west-1", "h3", 3, Map.of())))),
          Map.of(),
          Map.of(),
          new EnvironmentSecretResolver(Map.of()));

  @Test
  void aHangingOrFailingMemberNeverHidesTheOthers() {
    try (MemberProber prober = new MemberProber("rs", PayloadSanitizer.standard())) {
      long started = System.nanoTime();
      List<MemberProber.MemberAnswer<String>> answers =
          prober.probeAll(
              config,
              Duration.ofMillis(300),
              (site, member, deadline) -> {
                if (member.name().equals("east-2")) {
                  Thread.sleep(5_000);
                }
                if (member.name().equals("west-1")) {
                  throw new IllegalStateException("login failed for password=hunter2");
                }
                return site.name() + "/" + member.address();
              },
              e -> e.getMessage().contains("login") ? Connectivity.AUTH_FAILED : null);
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(answers).hasSize(3);
      assertThat(answers.get(0).value()).contains("east/h1:1");
      assertThat(answers.get(1).connectivity()).isEqualTo(Connectivity.TIMED_OUT);
      assertThat(answers.get(2).connectivity()).isEqualTo(Connectivity.AUTH_FAILED);
      assertThat(answers.get(2).detail()).doesNotContain("hunter2");
      assertThat(tookMillis).as("bounded by the deadline, not the slow member").isLessThan(2_000);
    }
  }

  @Test
  void theOneEndpointFormIsASiteWithOneMember() {
    SiteEndpoint site =
        new SiteEndpoint("east", SiteRole.PRIMARY, Map.of("host", "db", "port", "5432"));
    assertThat(site.members()).containsExactly(new MemberEndpoint("east", "db", 5432, Map.of()));
  }
}

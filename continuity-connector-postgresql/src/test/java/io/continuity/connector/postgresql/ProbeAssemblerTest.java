package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.postgresql.SiteObservation.WalReceiver;
import io.continuity.connector.postgresql.SiteObservation.WalSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeAssemblerTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private final PostgresSettings settings = Fixtures.settings(Fixtures.config());
  private final ProbeAssembler assembler =
      new ProbeAssembler(PayloadSanitizer.withKnownSecrets(List.of(Fixtures.PASSWORD)));

  @Test
  void idlePrimaryWithEverythingReplayedHasZeroTimeLagHoweverOldTheLastTransaction() {
    ProbeResult r =
        assemble(
            primary("west", "0/5000000", sender("east", "streaming", "0/5000000", null)),
            standby("east", "0/5000000", "0/5000000", NOW.minusSeconds(3600), false));

    assertThat(r.lag().time()).contains(Duration.ZERO);
    assertThat(r.lag().bytes()).hasValue(0);
    assertThat(r.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(r.health()).isEqualTo(Health.HEALTHY);
    assertThat(r.payload().asMap()).containsEntry("primarySite", "west");
  }

  @Test
  void runningReplayBehindUsesTheWalsendersReplayLag() {
    ProbeResult r =
        assemble(
            primary("east", "0/5000100", sender("west", "streaming", "0/5000000", 40L)),
            standby("west", "0/5000100", "0/5000000", NOW.minusSeconds(30), false));

    assertThat(r.lag().bytes()).hasValue(0x100);
    assertThat(r.lag().time()).contains(Duration.ofMillis(40));
  }

  @Test
  void pausedReplayIsPausedAndMeasuresTimeFromTheLastReplayedTransaction() {
    ProbeResult r =
        assemble(
            primary("east", "0/6000000", sender("west", "streaming", "0/5000000", 40L)),
            standby("west", "0/6000000", "0/5000000", NOW.minusSeconds(12), true));

    assertThat(r.replicationState()).isEqualTo(ReplicationState.PAUSED);
    assertThat(r.lag().time()).contains(Duration.ofSeconds(12));
    assertThat(r.lag().bytes()).hasValue(0x1000000);
    assertThat(r.health()).isEqualTo(Health.DEGRADED);
  }

  @Test
  void noWalsenderForTheStandbyIsBroken() {
    ProbeResult r =
        assemble(
            primary("east", "0/6000000"),
            standby("west", "0/5000000", "0/5000000", NOW.minusSeconds(5), false));

    assertThat(r.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(r.hasMarkers()).isTrue();
  }

  @Test
  void unreachableStandbyKeepsWhatThePrimarysWalsenderShows() {
    ProbeResult r =
        assemble(
            primary("east", "0/6000000", sender("west", "streaming", "0/5FFFF00", 15L)),
            SiteObservation.unreachable("west", Connectivity.TIMED_OUT, "no answer"));

    assertThat(r.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.TIMED_OUT);
    assertThat(r.drMarker().orElseThrow().value()).isEqualTo("0/5FFFF00");
    assertThat(r.lag().bytes()).hasValue(0x100);
    assertThat(r.health()).isEqualTo(Health.DEGRADED);
  }

  @Test
  void unreachablePrimaryLeavesPrimaryMarkerAndByteLagUnknown() {
    ProbeResult r =
        assemble(
            SiteObservation.unreachable("east", Connectivity.UNREACHABLE, "refused"),
            standby("west", "0/5000000", "0/5000000", NOW.minusSeconds(5), false, "startup"));

    assertThat(r.primaryMarker()).isEmpty();
    assertThat(r.drMarker()).isPresent();
    assertThat(r.lag().bytes()).isEmpty();
    assertThat(r.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void twoPrimariesAreSplitBrain() {
    ProbeResult r = assemble(primary("east", "0/6000000"), primary("west", "0/6000000"));

    assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
    assertThat(r.payload().asMap().get("problem").toString()).contains("split brain");
  }

  private ProbeResult assemble(SiteObservation a, SiteObservation b) {
    return assembler.assemble(
        settings.sites(), Map.of(a.site(), a, b.site(), b), Optional.empty(), List.of(), NOW);
  }

  private static SiteObservation primary(String site, String lsn, WalSender... senders) {
    return new SiteObservation(
        site,
        Connectivity.REACHABLE,
        "",
        false,
        NOW,
        1,
        false,
        Lsn.parse(lsn),
        null,
        null,
        null,
        false,
        null,
        List.of(senders));
  }

  private static SiteObservation standby(
      String site, String receive, String replay, Instant lastReplay, boolean paused) {
    return standby(site, receive, replay, lastReplay, paused, "streaming");
  }

  private static SiteObservation standby(
      String site,
      String receive,
      String replay,
      Instant lastReplay,
      boolean paused,
      String receiverStatus) {
    return new SiteObservation(
        site,
        Connectivity.REACHABLE,
        "",
        true,
        NOW,
        1,
        false,
        null,
        Lsn.parse(receive),
        Lsn.parse(replay),
        lastReplay,
        paused,
        new WalReceiver(receiverStatus, 1, "pg-other", 5432, "slot"),
        List.of());
  }

  private static WalSender sender(String app, String state, String replay, Long replayLagMs) {
    Lsn lsn = Lsn.parse(replay);
    return new WalSender(
        app,
        "10.0.0.2",
        state,
        "async",
        lsn,
        lsn,
        lsn,
        lsn,
        null,
        null,
        replayLagMs == null ? null : Duration.ofMillis(replayLagMs));
  }
}

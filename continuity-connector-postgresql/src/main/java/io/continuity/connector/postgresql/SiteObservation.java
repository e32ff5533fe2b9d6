package io.continuity.connector.postgresql;

import io.continuity.connector.api.Connectivity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one site showed during one probe. A primary fills {@code currentLsn} and {@code walSenders};
 * a standby fills the receive/replay positions and {@code walReceiver}. An unreachable site has
 * only its connectivity and a detail.
 */
record SiteObservation(
    String site,
    Connectivity connectivity,
    String detail,
    boolean inRecovery,
    Instant serverNow,
    long timeline,
    boolean readOnlyByDefault,
    Lsn currentLsn,
    Lsn receiveLsn,
    Lsn replayLsn,
    Instant lastReplayAt,
    boolean replayPaused,
    WalReceiver walReceiver,
    List<WalSender> walSenders) {

  SiteObservation {
    walSenders = walSenders == null ? List.of() : List.copyOf(walSenders);
  }

  static SiteObservation unreachable(String site, Connectivity connectivity, String detail) {
    return new SiteObservation(
        site,
        connectivity,
        detail,
        false,
        null,
        0,
        false,
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  boolean reachable() {
    return connectivity.isReachable();
  }

  boolean isPrimary() {
    return reachable() && !inRecovery;
  }

  boolean isStandby() {
    return reachable() && inRecovery;
  }

  Optional<WalReceiver> receiver() {
    return Optional.ofNullable(walReceiver);
  }

  /** The standby's WAL receiver ({@code pg_stat_wal_receiver}). */
  record WalReceiver(
      String status, long receivedTimeline, String senderHost, int senderPort, String slotName) {

    boolean streaming() {
      return "streaming".equals(status);
    }
  }

  /** One row of the primary's {@code pg_stat_replication}. */
  record WalSender(
      String applicationName,
      String clientAddress,
      String state,
      String syncState,
      Lsn sentLsn,
      Lsn writeLsn,
      Lsn flushLsn,
      Lsn replayLsn,
      Duration writeLag,
      Duration flushLag,
      Duration replayLag) {

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("applicationName", applicationName);
      m.put("clientAddress", clientAddress);
      m.put("state", state);
      m.put("syncState", syncState);
      m.put("sentLsn", text(sentLsn));
      m.put("writeLsn", text(writeLsn));
      m.put("flushLsn", text(flushLsn));
      m.put("replayLsn", text(replayLsn));
      m.put("writeLagMs", millis(writeLag));
      m.put("flushLagMs", millis(flushLag));
      m.put("replayLagMs", millis(replayLag));
      return m;
    }
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("connectivity", connectivity.name());
    if (!reachable()) {
      m.put("detail", detail);
      return m;
    }
    m.put("role", inRecovery ? "standby" : "primary");
    m.put("serverTime", String.valueOf(serverNow));
    m.put("timeline", timeline);
    m.put("defaultTransactionReadOnly", readOnlyByDefault);
    if (inRecovery) {
      m.put("receiveLsn", text(receiveLsn));
      m.put("replayLsn", text(replayLsn));
      m.put("lastReplayTimestamp", lastReplayAt == null ? null : lastReplayAt.toString());
      m.put("replayPaused", replayPaused);
      if (walReceiver != null) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", walReceiver.status());
        r.put("receivedTimeline", walReceiver.receivedTimeline());
        r.put("senderHost", walReceiver.senderHost());
        r.put("senderPort", walReceiver.senderPort());
        r.put("slotName", walReceiver.slotName());
        m.put("walReceiver", r);
      } else {
        m.put("walReceiver", null);
      }
    } else {
      m.put("currentLsn", text(currentLsn));
      m.put("replication", walSenders.stream().map(WalSender::asMap).toList());
    }
    return m;
  }

  private static String text(Lsn lsn) {
    return lsn == null ? null : lsn.toString();
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Waiting for a rejoined or rewound node to stream, and undoing a read-only quiesce on it. */
final class ResyncWait {

  /** A probe opens a connection, so not tighter than this; the whole operation waits on it. */
  private static final Duration POLL = Duration.ofMillis(20);

  private ResyncWait() {}

  static StepResult awaitStreaming(StepSupport support, SiteSettings site, Instant deadline)
      throws ConnectorException {
    SiteObservation last;
    do {
      last = support.observe(site);
      if (last.isStandby()
          && last.receiver().filter(SiteObservation.WalReceiver::streaming).isPresent()) {
        return support.succeeded(site.name() + " streams", Map.of());
      }
      StepSupport.pause(POLL);
    } while (StepSupport.before(deadline));
    return support.failed(
        site.name() + " does not stream yet: " + CheckSteps.describe(last, "streaming standby"));
  }

  /**
   * The facts of a resync or rejoin: which site, and where its action kept the WAL it had before
   * (the transactions a failover lost live there until a DBA recovers them).
   */
  static Map<String, String> facts(String key, String site, String output) {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    facts.put(key, site);
    output
        .lines()
        .filter(l -> l.startsWith("kept-diverged-wal:"))
        .map(l -> l.substring("kept-diverged-wal:".length()).trim())
        .findFirst()
        .ifPresent(dir -> facts.put(Facts.KEPT_DIVERGED_WAL, dir));
    return facts;
  }

  /** Removes the read-only default the quiesce set; returns a note for the step output. */
  static String resetReadOnly(StepSupport support, SiteSettings site) throws ConnectorException {
    try (Connection c = support.open(site);
        Statement s = c.createStatement()) {
      s.execute("alter system reset default_transaction_read_only");
      s.execute("select pg_reload_conf()");
      return "; default_transaction_read_only reset";
    } catch (SQLException e) {
      return "; could not reset default_transaction_read_only on "
          + site.name()
          + " ("
          + SqlFailures.detail(e, support.sanitizer)
          + "): reset it by hand";
    }
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.postgresql.SiteObservation.WalReceiver;
import io.continuity.connector.postgresql.SiteObservation.WalSender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at one site: its role, its WAL positions, and its replication view ({@code
 * pg_stat_replication} on a primary; receive/replay positions, {@code pg_stat_wal_receiver} and the
 * replay pause on a standby). Needs a role with {@code pg_monitor}.
 */
final class SiteProber {

  private final Sessions sessions;
  private final PayloadSanitizer sanitizer;

  SiteProber(Sessions sessions, PayloadSanitizer sanitizer) {
    this.sessions = sessions;
    this.sanitizer = sanitizer;
  }

  SiteObservation probe(SiteSettings site, Duration budget) throws ConnectorException {
    return report(site, budget, Optional.empty()).observation();
  }

  /** One site's observation and, with a heartbeat table, the heartbeat it read. */
  record SiteReport(
      SiteObservation observation, Optional<HeartbeatRound.Seen> heartbeat, String problem) {}

  /**
   * Observes a site; on a primary writes the heartbeat (when due), on a standby reads it after
   * waiting briefly for this probe's write. A heartbeat error is a note in the payload, not a
   * connectivity failure.
   */
  SiteReport report(SiteSettings site, Duration budget, Optional<HeartbeatRound> heartbeat)
      throws ConnectorException {
    try (Connection c = sessions.open(site, budget)) {
      SiteObservation observation = observe(site.name(), c);
      if (heartbeat.isEmpty()) {
        return new SiteReport(observation, Optional.empty(), "");
      }
      try {
        if (observation.isPrimary()) {
          heartbeat.get().onPrimary(c, Instant.now());
          return new SiteReport(observation, Optional.empty(), "");
        }
        return new SiteReport(observation, heartbeat.get().onStandby(c), "");
      } catch (SQLException e) {
        return new SiteReport(
            observation, Optional.empty(), "heartbeat: " + SqlFailures.detail(e, sanitizer));
      }
    } catch (SQLException e) {
      heartbeat.ifPresent(HeartbeatRound::noWrite);
      return new SiteReport(
          SiteObservation.unreachable(
              site.name(), SqlFailures.classify(e), SqlFailures.detail(e, sanitizer)),
          Optional.empty(),
          "");
    }
  }

  static SiteObservation observe(String site, Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      boolean inRecovery;
      Instant now;
      boolean readOnly;
      try (ResultSet rs =
          s.executeQuery(
              "select pg_is_in_recovery(), now(),"
                  + " current_setting('default_transaction_read_only') = 'on'")) {
        rs.next();
        inRecovery = rs.getBoolean(1);
        now = rs.getTimestamp(2).toInstant();
        readOnly = rs.getBoolean(3);
      }
      if (!inRecovery) {
        return primary(site, s, now, readOnly);
      }
      return standby(site, s, now, readOnly);
    }
  }

  private static SiteObservation primary(String site, Statement s, Instant now, boolean ro)
      throws SQLException {
    Lsn current;
    long timeline;
    // the WAL flushed on the primary: what its own crash cannot take back and what a standby can
    // have been sent, so a failover's lower bound of lost WAL never counts WAL that was only
    // buffered (decision 022)
    try (ResultSet rs =
        s.executeQuery(
            "select pg_current_wal_flush_lsn()::text,"
                + " pg_walfile_name(pg_current_wal_flush_lsn())")) {
      rs.next();
      current = Lsn.parse(rs.getString(1));
      timeline = Long.parseLong(rs.getString(2).substring(0, 8), 16);
    }
    List<WalSender> senders = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "select application_name, client_addr::text, state, sync_state, sent_lsn::text,"
                + " write_lsn::text, flush_lsn::text, replay_lsn::text,"
                + " extract(epoch from write_lag), extract(epoch from flush_lag),"
                + " extract(epoch from replay_lag) from pg_stat_replication")) {
      while (rs.next()) {
        senders.add(
            new WalSender(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Lsn.parseNullable(rs.getString(5)),
                Lsn.parseNullable(rs.getString(6)),
                Lsn.parseNullable(rs.getString(7)),
                Lsn.parseNullable(rs.getString(8)),
                seconds(rs, 9),
                seconds(rs, 10),
                seconds(rs, 11)));
      }
    }
    return new SiteObservation(
        site,
        io.continuity.connector.api.Connectivity.REACHABLE,
        "",
        false,
        now,
        timeline,
        ro,
        current,
        null,
        null,
        null,
        false,
        null,
        senders);
  }

  private static SiteObservation standby(String site, Statement s, Instant now, boolean ro)
      throws SQLException {
    Lsn receive;
    Lsn replay;
    Instant lastReplay;
    boolean paused;
    try (ResultSet rs =
        s.executeQuery(
            "select pg_last_wal_receive_lsn()::text, pg_last_wal_replay_lsn()::text,"
                + " pg_last_xact_replay_timestamp(), pg_is_wal_replay_paused()")) {
      rs.next();
      receive = Lsn.parseNullable(rs.getString(1));
      replay = Lsn.parseNullable(rs.getString(2));
      Timestamp ts = rs.getTimestamp(3);
      lastReplay = ts == null ? null : ts.toInstant();
      paused = rs.getBoolean(4);
    }
    WalReceiver receiver = null;
    try (ResultSet rs =
        s.executeQuery(
            "select status, received_tli, sender_host, sender_port, slot_name"
                + " from pg_stat_wal_receiver")) {
      if (rs.next()) {
        receiver =
            new WalReceiver(
                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5));
      }
    }
    long timeline;
    try (ResultSet rs = s.executeQuery("select timeline_id from pg_control_checkpoint()")) {
      rs.next();
      timeline = rs.getLong(1);
    }
    if (receiver != null && receiver.receivedTimeline() > timeline) {
      timeline = receiver.receivedTimeline();
    }
    return new SiteObservation(
        site,
        io.continuity.connector.api.Connectivity.REACHABLE,
        "",
        true,
        now,
        timeline,
        ro,
        null,
        receive,
        replay,
        lastReplay,
        paused,
        receiver,
        List.of());
  }

  private static Duration seconds(ResultSet rs, int column) throws SQLException {
    java.math.BigDecimal value = rs.getBigDecimal(column);
    if (value == null) {
      return null;
    }
    return Duration.ofNanos(value.movePointRight(9).longValue());
  }
}

package io.continuity.connector.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe of one resource saw: connectivity per site, health, the replication state and lag,
 * the replication markers of both sides, an optional heartbeat and the sanitized raw payload.
 * Anything the connector could not see is empty, never a guessed value.
 *
 * @param observedAt when the probe finished
 * @param sites connectivity per site, one entry for every configured site
 * @param primaryMarker the primary's current position (for PostgreSQL: pg_current_wal_lsn)
 * @param drMarker the DR side's applied position (for PostgreSQL: the replay LSN)
 */
public record ProbeResult(
    Instant observedAt,
    List<SiteConnectivity> sites,
    Health health,
    ReplicationState replicationState,
    ReplicationLag lag,
    Optional<ReplicationMarker> primaryMarker,
    Optional<ReplicationMarker> drMarker,
    Optional<HeartbeatReading> heartbeat,
    SanitizedPayload payload) {

  public ProbeResult {
    Objects.requireNonNull(observedAt, "observedAt");
    sites = List.copyOf(Objects.requireNonNull(sites, "sites"));
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(replicationState, "replicationState");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(primaryMarker, "primaryMarker");
    Objects.requireNonNull(drMarker, "drMarker");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(payload, "payload");
    if (primaryMarker.isPresent()
        && drMarker.isPresent()
        && !primaryMarker.get().isComparableWith(drMarker.get())) {
      throw new IncomparableMarkersException(primaryMarker.get(), drMarker.get());
    }
  }

  /** True when every configured site answered. */
  public boolean allSitesReachable() {
    return !sites.isEmpty() && sites.stream().allMatch(s -> s.connectivity().isReachable());
  }

  public Optional<SiteConnectivity> site(String name) {
    return sites.stream().filter(s -> s.site().equals(name)).findFirst();
  }

  /** Both markers present: the evidence can prove how far the DR side has applied. */
  public boolean hasMarkers() {
    return primaryMarker.isPresent() && drMarker.isPresent();
  }

  public static Builder builder(Instant observedAt) {
    return new Builder(observedAt);
  }

  /** Builds a probe result; everything not set is "unknown". */
  public static final class Builder {
    private final Instant observedAt;
    private List<SiteConnectivity> sites = List.of();
    private Health health = Health.UNKNOWN;
    private ReplicationState replicationState = ReplicationState.UNKNOWN;
    private ReplicationLag lag = ReplicationLag.UNKNOWN;
    private ReplicationMarker primaryMarker;
    private ReplicationMarker drMarker;
    private HeartbeatReading heartbeat;
    private SanitizedPayload payload = SanitizedPayload.empty();

    private Builder(Instant observedAt) {
      this.observedAt = observedAt;
    }

    public Builder sites(List<SiteConnectivity> sites) {
      this.sites = sites;
      return this;
    }

    public Builder health(Health health) {
      this.health = health;
      return this;
    }

    public Builder replicationState(ReplicationState replicationState) {
      this.replicationState = replicationState;
      return this;
    }

    public Builder lag(ReplicationLag lag) {
      this.lag = lag;
      return this;
    }

    public Builder primaryMarker(ReplicationMarker primaryMarker) {
      this.primaryMarker = primaryMarker;
      return this;
    }

    public Builder drMarker(ReplicationMarker drMarker) {
      this.drMarker = drMarker;
      return this;
    }

    public Builder heartbeat(HeartbeatReading heartbeat) {
      this.heartbeat = heartbeat;
      return this;
    }

    public Builder payload(SanitizedPayload payload) {
      this.payload = payload;
      return this;
    }

    public ProbeResult build() {
      return new ProbeResult(
          observedAt,
          sites,
          health,
          replicationState,
          lag,
          Optional.ofNullable(primaryMarker),
          Optional.ofNullable(drMarker),
          Optional.ofNullable(heartbeat),
          payload);
    }
  }
}

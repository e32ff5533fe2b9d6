package io.continuity.connector.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe of one resource saw: connectivity per site, health, the replication state and lag,
 * the replication markers of both sides, an optional heartbeat, which site is primary now, what
 * each member was seen as, and the sanitized raw payload. Anything the connector could not see is
 * empty, never a guessed value: an empty {@code primarySite} makes the engine's topology precheck
 * fail, so a connector that cannot tell which site is primary cannot let a role change start.
 *
 * @param observedAt when the probe finished
 * @param sites connectivity per site, one entry for every configured site
 * @param primaryMarker the primary's current position (for PostgreSQL: pg_current_wal_lsn)
 * @param drMarker the DR side's applied position (for PostgreSQL: the replay LSN)
 * @param primarySite the site whose member takes writes now, as observed; empty when unknown
 * @param members what each member was seen as (empty when the connector reports sites only)
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
    SanitizedPayload payload,
    Optional<String> primarySite,
    List<MemberObservation> members) {

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
    primarySite = primarySite == null ? Optional.empty() : primarySite;
    members = List.copyOf(members == null ? List.of() : members);
    String primary = primarySite.orElse(null);
    if (primary != null
        && !sites.isEmpty()
        && sites.stream().noneMatch(s -> s.site().equals(primary))) {
      throw new IllegalArgumentException(
          "primary site '" + primary + "' is not one of the probed sites");
    }
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

  /** The members observed in one site. */
  public List<MemberObservation> membersIn(String site) {
    return members.stream().filter(m -> m.site().equals(site)).toList();
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
    private String primarySite;
    private List<MemberObservation> members = List.of();

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

    /** The site whose member takes writes now, as this probe saw it. */
    public Builder primarySite(String primarySite) {
      this.primarySite = primarySite;
      return this;
    }

    public Builder members(List<MemberObservation> members) {
      this.members = members;
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
          payload,
          Optional.ofNullable(primarySite),
          members);
    }
  }
}

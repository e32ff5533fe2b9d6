package io.continuity.server.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stored probe observation as it is kept in the history: the indicators that decide a status,
 * connectivity per site and the sanitized connector payload (never a secret). Fields the probe
 * could not see are null.
 *
 * @param ok true when the probe returned a result; false when it failed or timed out ({@code
 *     failure} says why)
 * @param lagSeconds the time lag, in seconds with fractions
 */
public record StoredObservation(
    long id,
    String resourceId,
    Instant observedAt,
    boolean ok,
    String failure,
    String health,
    String replicationState,
    Long lagBytes,
    Double lagSeconds,
    String primaryMarker,
    String drMarker,
    Instant heartbeatWrittenAt,
    List<SiteReachability> connectivity,
    Map<String, Object> payload,
    String primarySite,
    List<StoredMember> members) {

  public StoredObservation {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(observedAt, "observedAt");
    connectivity = List.copyOf(connectivity);
    payload = payload == null ? Map.of() : payload;
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** What one member was seen as: its site, role, connectivity and own marker. */
  public record StoredMember(
      String site, String member, String role, String connectivity, String marker, String detail) {}

  /** Whether the probe reached one site, with a short detail (never a secret). */
  public record SiteReachability(String site, String connectivity, String detail) {}
}

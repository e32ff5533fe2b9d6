package io.continuity.connector.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What one probe saw of one member: its site, role and connectivity, and its own replication marker
 * (for a secondary, the position it has applied, read on that member).
 */
public record MemberObservation(
    String site,
    String member,
    MemberRole role,
    Connectivity connectivity,
    Optional<ReplicationMarker> marker,
    String detail) {

  public MemberObservation {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(connectivity, "connectivity");
    marker = marker == null ? Optional.empty() : marker;
    detail = detail == null ? "" : detail;
  }

  /** A member that could not be reached: its role unknown, no marker. */
  public static MemberObservation unreachable(
      String site, String member, Connectivity connectivity, String detail) {
    return new MemberObservation(
        site, member, MemberRole.UNKNOWN, connectivity, Optional.empty(), detail);
  }
}

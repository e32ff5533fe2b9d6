package io.continuity.core.status;

import java.util.Locale;

/**
 * Why a status is what it is: a stable machine code (for alert routing and the API) with a human
 * template filled in by {@link #format(Object...)}. Declared roughly from outage to information;
 * reasons are ordered by severity first and by this order second.
 */
public enum ReasonCode {
  VISIBILITY_LOST("Visibility lost: %s"),
  AUTH_FAILED("Authentication failed at site %s (%s): fix the credentials the connector uses"),
  SITE_UNREACHABLE("Site %s is not reachable (%s): visibility is partial"),
  PROBE_FAILED("The last probe failed: %s"),
  NO_OBSERVATION("No observation: %s"),
  REPLICATION_BROKEN("Replication is broken: the DR site is not receiving changes"),
  RPO_BREACH("Replication lag %s is over the %s"),
  HEALTH_UNHEALTHY("The platform reports the resource unhealthy"),
  REPLICATION_PAUSED("Replication replay is paused: the DR site falls behind while paused"),
  LAG_WARN("Replication lag %s is over the %s"),
  LAG_UNKNOWN("Replication lag is unknown (%s): cannot tell how much data a failover would lose"),
  MARKER_UNAVAILABLE("Replication marker unavailable (%s): cannot prove completeness"),
  REPLICATION_UNKNOWN("The replication state could not be determined"),
  HEARTBEAT_STALE(
      "Heartbeat is %s old, over %s (a heartbeat is an indicator, not proof of completeness)"),
  HEARTBEAT_MISSING(
      "Heartbeat configured but not read on the DR site (a heartbeat is an indicator, not proof"
          + " of completeness)"),
  HEALTH_DEGRADED("The platform reports the resource degraded"),
  HEALTH_UNKNOWN("The platform health could not be determined"),
  MEMBER_STATUS("Member %s is %s: %s"),
  REPLICATION_HEALTHY("Replication %s, DR applied to %s (primary at %s), lag %s");

  private final String template;

  ReasonCode(String template) {
    this.template = template;
  }

  /** The human template, with {@code %s} where details go. */
  public String template() {
    return template;
  }

  /** The template filled in with {@code args}. */
  public String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}

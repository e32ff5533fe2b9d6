package io.continuity.connector.api;

/** The platform's own view of a resource's health. */
public enum Health {
  HEALTHY,
  DEGRADED,
  UNHEALTHY,
  UNKNOWN
}

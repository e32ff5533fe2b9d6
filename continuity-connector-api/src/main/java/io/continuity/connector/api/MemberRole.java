package io.continuity.connector.api;

/** The role a probe saw a member in (never the configured role: roles are discovered). */
public enum MemberRole {
  PRIMARY,
  SECONDARY,
  ARBITER,
  HIDDEN,
  /** Up but neither primary nor secondary (recovering, starting, rolling back, resolving). */
  OTHER,
  /** Not reached, or it did not say. */
  UNKNOWN
}

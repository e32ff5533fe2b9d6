package io.continuity.server.security;

import java.time.Instant;

/**
 * A personal API token as listed: never its secret, which is shown once when issued and stored only
 * as a SHA-256 hash.
 *
 * @param revokedAt when it was revoked, or null
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 */
public record ApiToken(
    String id,
    String owner,
    String name,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  /** Usable now: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}

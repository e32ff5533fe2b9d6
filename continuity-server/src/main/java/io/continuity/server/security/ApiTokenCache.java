package io.continuity.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live tokens this instance looked up in the last {@code ttl}, by the SHA-256 of their secret, so a
 * script polling the status API does not cost a store read per call (issue 15). Only tokens found
 * live are kept, never unknown secrets, so guessing cannot fill it; it is emptied when it grows
 * past {@link #MAX_ENTRIES}. Revoking through this instance evicts at once; a token revoked or
 * expired through another instance (or by hand in the store) is refused here within {@code ttl}
 * (decision 013). Expiry is checked on every use against the cached token's own end.
 */
final class ApiTokenCache {

  static final int MAX_ENTRIES = 10_000;

  private final Duration ttl;
  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

  ApiTokenCache(Duration ttl) {
    this.ttl = ttl.isNegative() ? Duration.ZERO : ttl;
  }

  /** The token cached for {@code hash} if it was read from the store less than ttl ago. */
  Optional<ApiToken> get(String hash, Instant now) {
    Entry entry = byHash.get(hash);
    if (entry == null || !now.isBefore(entry.readAt().plus(ttl))) {
      return Optional.empty();
    }
    return Optional.of(entry.token());
  }

  /** Keeps a token just read from the store (live at {@code now}). */
  void put(String hash, ApiToken token, Instant now) {
    if (ttl.isZero()) {
      return;
    }
    if (byHash.size() >= MAX_ENTRIES) {
      byHash.clear();
    }
    byHash.put(hash, new Entry(token, now));
  }

  /** Notes a use written to the store, so the next minute's uses need not write again. */
  void used(String hash, ApiToken token, Instant at) {
    byHash.computeIfPresent(hash, (h, e) -> new Entry(withLastUsed(token, at), e.readAt()));
  }

  /** Forgets the token with this id (revoked here). */
  void evict(String tokenId) {
    byHash.values().removeIf(e -> e.token().id().equals(tokenId));
  }

  private static ApiToken withLastUsed(ApiToken t, Instant at) {
    return new ApiToken(
        t.id(), t.owner(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), at);
  }

  private record Entry(ApiToken token, Instant readAt) {}
}

package io.continuity.server.security;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditTrail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens for scripts and CI jobs: a bearer secret ({@code ct_<id>_<secret>}, 256
 * random bits) that acts as its owner with the owner's roles at the time of each call, until it
 * expires or is revoked. A high-entropy secret needs no slow hash: it is stored as its SHA-256, so
 * checking one is a single indexed lookup (HTTP Basic runs bcrypt on every call). Issuing and
 * revoking are audited.
 */
@Service
public class ApiTokens {

  /** Longest lifetime a token may be given. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);

  static final String PREFIX = "ct_";
  private static final Pattern SHAPE = Pattern.compile("ct_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final ApiTokenRepository repository;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ApiTokenCache cache;

  ApiTokens(
      ApiTokenRepository repository,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${continuity.security.api-token-cache:5s}") Duration cacheFor) {
    this.repository = repository;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.cache = new ApiTokenCache(cacheFor);
  }

  /**
   * Issues a token for {@code owner}; the secret in the result is shown once and never again.
   *
   * @throws IllegalArgumentException when the name is blank or too long, or the lifetime is not
   *     between one hour and {@link #MAX_LIFETIME}
   */
  public IssuedApiToken issue(String owner, String name, Duration lifetime) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException(
          "name is required (at most 200 characters): say what the token is for");
    }
    if (lifetime.compareTo(Duration.ofHours(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "the lifetime must be between 1 hour and " + MAX_LIFETIME.toDays() + " days");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String id = randomId();
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    String secret =
        PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    ApiToken token = new ApiToken(id, owner, name.strip(), now, now.plus(lifetime), null, null);
    tx.executeWithoutResult(
        status -> {
          repository.insert(token, sha256(secret));
          audit.append(
              GenericAuditEvent.of(
                  "API_TOKEN_ISSUED",
                  owner,
                  now,
                  "API token '" + token.name() + "' issued",
                  Map.of("tokenId", id, "expiresAt", token.expiresAt().toString())));
        });
    return new IssuedApiToken(token, secret);
  }

  /** The owner's tokens, newest first (never their secrets). */
  public List<ApiToken> of(String owner) {
    return repository.ofOwner(owner);
  }

  /**
   * Revokes a token: its owner or an ADMIN may. A token of someone else is "not found" to anyone
   * else, so ids cannot be probed.
   *
   * @return the token as revoked, empty when there is no such token for this person
   */
  public Optional<ApiToken> revoke(String id, AuthenticatedActor actor) {
    Optional<ApiToken> found =
        repository.find(id).filter(t -> t.owner().equals(actor.id()) || actor.hasRole(Role.ADMIN));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    tx.executeWithoutResult(
        status -> {
          cache.evict(id);
          if (repository.revoke(id, now)) {
            audit.append(
                GenericAuditEvent.of(
                    "API_TOKEN_REVOKED",
                    actor.id(),
                    now,
                    "API token '" + found.get().name() + "' of " + found.get().owner() + " revoked",
                    Map.of("tokenId", id, "owner", found.get().owner())));
          }
        });
    cache.evict(id); // again after the commit: a lookup racing the revoke may have cached it
    return repository.find(id);
  }

  /** The active token this bearer secret belongs to, empty when unknown, expired or revoked. */
  Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !SHAPE.matcher(secret).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = sha256(secret);
    Optional<ApiToken> cached = cache.get(hash, now);
    Optional<ApiToken> token =
        (cached.isPresent() ? cached : repository.findByHash(hash)).filter(t -> t.activeAt(now));
    if (token.isEmpty()) {
      cached.ifPresent(t -> cache.evict(t.id()));
      return token;
    }
    if (cached.isEmpty()) {
      cache.put(hash, token.get(), now);
    }
    Instant lastUsed = token.get().lastUsedAt();
    if (lastUsed == null || !lastUsed.isAfter(now.minusSeconds(60))) {
      Instant at = now.truncatedTo(ChronoUnit.MICROS);
      repository.touch(token.get().id(), at);
      cache.used(hash, token.get(), at);
    }
    return token;
  }

  private String randomId() {
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

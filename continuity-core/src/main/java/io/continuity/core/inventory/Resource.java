package io.continuity.core.inventory;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A protected database: a primary and a DR site on one platform, with a tier, an owner and an RPO
 * target.
 */
public record Resource(
    String id,
    String name,
    Platform platform,
    Tier tier,
    String environment,
    String owner,
    Site primarySite,
    Site drSite,
    ConnectorRef connector,
    RpoPolicy rpo,
    Optional<HeartbeatConfig> heartbeat) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(primarySite, "primarySite");
    Objects.requireNonNull(drSite, "drSite");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(rpo, "rpo");
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "resource id '"
              + id
              + "' must be lower-case letters, digits and '-' (for example orders-db)");
    }
    if (primarySite.role() != SiteRole.PRIMARY || drSite.role() != SiteRole.DR) {
      throw new IllegalArgumentException("resource " + id + ": site roles must be PRIMARY and DR");
    }
    if (primarySite.name().equals(drSite.name())) {
      throw new IllegalArgumentException(
          "resource " + id + ": primary and DR site need different names");
    }
  }

  /** The site with this name or role ({@code primary}/{@code dr}), if any. */
  public Optional<Site> site(String nameOrRole) {
    if (primarySite.name().equals(nameOrRole) || "primary".equalsIgnoreCase(nameOrRole)) {
      return Optional.of(primarySite);
    }
    if (drSite.name().equals(nameOrRole) || "dr".equalsIgnoreCase(nameOrRole)) {
      return Optional.of(drSite);
    }
    return Optional.empty();
  }
}

package io.continuity.core.inventory;

import io.continuity.connector.api.SiteRole;
import java.util.Map;
import java.util.Objects;

/**
 * One site of a resource: its name (for example {@code eu-west-1a}), its configured role, and free
 * metadata such as region or data centre. Connection settings live in the connector reference, not
 * here.
 */
public record Site(String name, SiteRole role, Map<String, String> metadata) {

  public Site {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (name.isBlank()) {
      throw new IllegalArgumentException("site name must not be blank");
    }
    metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
  }
}

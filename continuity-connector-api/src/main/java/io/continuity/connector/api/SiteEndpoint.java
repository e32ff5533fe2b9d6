package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;

/**
 * How a connector reaches one site of a resource: its name, its configured role and
 * platform-specific settings (host, port, database...). Credentials are never in {@code settings};
 * they are {@link SecretRef}s in {@link ConnectorConfig#secrets()}.
 */
public record SiteEndpoint(String name, SiteRole role, Map<String, String> settings) {

  public SiteEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    settings = Map.copyOf(settings == null ? Map.of() : settings);
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }
}

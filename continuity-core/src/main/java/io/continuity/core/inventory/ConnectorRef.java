package io.continuity.core.inventory;

import io.continuity.connector.api.SecretRef;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a resource through its connector: settings per site (host, port, database...),
 * resource-wide settings, and credentials as {@link SecretRef}s, never literal values.
 */
public record ConnectorRef(
    Map<String, Map<String, String>> siteSettings,
    Map<String, String> settings,
    Map<String, SecretRef> secrets) {

  public ConnectorRef {
    siteSettings = copy(siteSettings);
    settings = Map.copyOf(settings == null ? Map.of() : settings);
    secrets = Map.copyOf(secrets == null ? Map.of() : secrets);
  }

  public static ConnectorRef none() {
    return new ConnectorRef(Map.of(), Map.of(), Map.of());
  }

  public Map<String, String> settingsFor(String site) {
    return siteSettings.getOrDefault(site, Map.of());
  }

  private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> source) {
    if (source == null) {
      return Map.of();
    }
    return Map.copyOf(
        source.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> Map.copyOf(Objects.requireNonNull(e.getValue())))));
  }
}

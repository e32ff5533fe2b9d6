package io.continuity.core.inventory;

import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a resource through its connector: settings per site (host, port, database...), the
 * members of each site that has several ({@code connector.sites.<site>.members}: a replica set's or
 * an availability group's servers), resource-wide settings, and credentials as {@link SecretRef}s,
 * never literal values.
 */
public record ConnectorRef(
    Map<String, Map<String, String>> siteSettings,
    Map<String, List<MemberEndpoint>> siteMembers,
    Map<String, String> settings,
    Map<String, SecretRef> secrets) {

  /** A connector reference whose sites have no member lists (one endpoint per site). */
  public ConnectorRef(
      Map<String, Map<String, String>> siteSettings,
      Map<String, String> settings,
      Map<String, SecretRef> secrets) {
    this(siteSettings, Map.of(), settings, secrets);
  }

  public ConnectorRef {
    siteSettings = copy(siteSettings);
    siteMembers = siteMembers == null ? Map.of() : Map.copyOf(siteMembers);
    settings = Map.copyOf(settings == null ? Map.of() : settings);
    secrets = Map.copyOf(secrets == null ? Map.of() : secrets);
  }

  public static ConnectorRef none() {
    return new ConnectorRef(Map.of(), Map.of(), Map.of());
  }

  /** The members listed for a site; empty when the site is one endpoint. */
  public List<MemberEndpoint> membersOf(String site) {
    return siteMembers.getOrDefault(site, List.of());
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

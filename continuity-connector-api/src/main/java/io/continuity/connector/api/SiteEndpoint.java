package io.continuity.connector.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a connector reaches one site of a resource: its name, its configured role, platform-specific
 * settings shared by the site's members, and the site's members (one or more servers). Credentials
 * are never in {@code settings}; they are {@link SecretRef}s in {@link ConnectorConfig#secrets()}.
 *
 * <p>The one-endpoint form (a site whose settings hold {@code host} and {@code port}) is a site
 * with one member named after the site; {@link #members()} is never empty for such a site.
 */
public record SiteEndpoint(
    String name, SiteRole role, Map<String, String> settings, List<MemberEndpoint> members) {

  /** The one-endpoint form: the site's own {@code host}/{@code port} settings are its member. */
  public SiteEndpoint(String name, SiteRole role, Map<String, String> settings) {
    this(name, role, settings, List.of());
  }

  public SiteEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    settings = Map.copyOf(settings == null ? Map.of() : settings);
    members = List.copyOf(members == null ? List.of() : members);
    if (members.isEmpty() && settings.containsKey("host")) {
      members = List.of(singleMember(name, settings));
    }
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** A member's setting, falling back to the site's. */
  public String setting(MemberEndpoint member, String key, String fallback) {
    return member.settings().getOrDefault(key, settings.getOrDefault(key, fallback));
  }

  private static MemberEndpoint singleMember(String site, Map<String, String> settings) {
    String port = settings.getOrDefault("port", "0").trim();
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "site " + site + ": port '" + port + "' is not a number", e);
    }
    return new MemberEndpoint(site, settings.get("host"), number, Map.of());
  }
}

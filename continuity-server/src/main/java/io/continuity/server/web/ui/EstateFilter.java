package io.continuity.server.web.ui;

/**
 * The dashboard's filters (each empty means "any"): tier number, platform, environment and status
 * ({@code GREEN}, {@code YELLOW}, {@code RED} or {@code LOST}).
 */
public record EstateFilter(String tier, String platform, String environment, String status) {

  public EstateFilter {
    tier = clean(tier);
    platform = clean(platform);
    environment = clean(environment);
    status = clean(status);
  }

  boolean accepts(Tile tile) {
    return (tier.isEmpty() || tier.equals(String.valueOf(tile.tier())))
        && (status.isEmpty() || status.equals(tile.lost() ? "LOST" : tile.status()));
  }

  boolean acceptsResource(String resourcePlatform, String resourceEnvironment) {
    return (platform.isEmpty() || platform.equalsIgnoreCase(resourcePlatform))
        && (environment.isEmpty() || environment.equalsIgnoreCase(resourceEnvironment));
  }

  /** The filters as a query string for the refreshing fragment ("" when none). */
  public String query() {
    StringBuilder q = new StringBuilder();
    append(q, "tier", tier);
    append(q, "platform", platform);
    append(q, "environment", environment);
    append(q, "status", status);
    return q.toString();
  }

  private static void append(StringBuilder q, String name, String value) {
    if (!value.isEmpty()) {
      q.append(q.length() == 0 ? "?" : "&")
          .append(name)
          .append('=')
          .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static String clean(String value) {
    return value == null ? "" : value.strip();
  }
}

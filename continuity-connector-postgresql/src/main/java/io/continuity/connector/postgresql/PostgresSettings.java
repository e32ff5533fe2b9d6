package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.HeartbeatSpec;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.support.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The PostgreSQL connector's configuration, parsed and checked once when the connector is made. The
 * keys are documented in the module README; every error names the key to fix.
 */
record PostgresSettings(
    String resourceId,
    List<SiteSettings> sites,
    Optional<String> user,
    Duration connectTimeout,
    Duration statementTimeout,
    Optional<String> heartbeatTable,
    Optional<Duration> heartbeatInterval,
    long maxSwitchoverLagBytes,
    Duration promoteTimeout,
    Duration catchUpTimeout,
    Duration actionTimeout,
    String drillQuery,
    Duration drillWindow,
    Optional<String> sslmode) {

  /** Host actions the connector knows; any other {@code action.*} key is refused. */
  static final Set<String> ACTIONS =
      Set.of(
          "stop", "start", "fence", "rejoin", "rewind", "clone", "discard-clone", "final-position");

  static final String DEFAULT_DATABASE = "postgres";
  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "user",
          "database",
          "connectTimeout",
          "statementTimeout",
          "heartbeatTable",
          "maxSwitchoverLagBytes",
          "promoteTimeout",
          "catchUpTimeout",
          "actionTimeout",
          "drillQuery",
          "drillWindow",
          "sslmode");
  private static final Set<String> SITE_KEYS = Set.of("host", "port", "database");

  PostgresSettings {
    sites = List.copyOf(sites);
  }

  /**
   * Parses a configuration.
   *
   * @throws IllegalArgumentException naming the setting or site to fix
   */
  static PostgresSettings parse(ConnectorConfig config) {
    Map<String, String> s = config.settings();
    Map<String, Map<String, String>> flatSites = new HashMap<>();
    for (String key : s.keySet()) {
      if (key.startsWith("site.")) {
        int dot = key.indexOf('.', 5);
        if (dot < 0) {
          throw new IllegalArgumentException(
              "setting '" + key + "' must be site.<site name>.<key>, e.g. site.east.host");
        }
        flatSites
            .computeIfAbsent(key.substring(5, dot), k -> new LinkedHashMap<>())
            .put(key.substring(dot + 1), s.get(key));
      } else if (!RESOURCE_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown setting '"
                + key
                + "': known are "
                + new java.util.TreeSet<>(RESOURCE_KEYS)
                + " and site.<site>.<key>");
      }
    }
    long primaries = config.sites().stream().filter(e -> e.role() == SiteRole.PRIMARY).count();
    if (config.sites().size() != 2 || primaries != 1) {
      throw new IllegalArgumentException(
          "the PostgreSQL connector manages a primary and one streaming standby: configure"
              + " exactly two sites, one with role PRIMARY and one with role DR");
    }
    for (String name : flatSites.keySet()) {
      if (config.site(name).isEmpty()) {
        throw new IllegalArgumentException(
            "settings 'site." + name + ".*' name no configured site");
      }
    }
    String database = s.getOrDefault("database", DEFAULT_DATABASE);
    List<SiteSettings> sites = new ArrayList<>();
    for (SiteEndpoint endpoint : config.sites()) {
      if (endpoint.members().size() > 1) {
        throw new IllegalArgumentException(
            "site "
                + endpoint.name()
                + " lists "
                + endpoint.members().size()
                + " members; a PostgreSQL site is one server: give its host and port");
      }
      sites.add(site(endpoint, flatSites.getOrDefault(endpoint.name(), Map.of()), database));
    }
    // the connector's own setting wins over the inventory's heartbeat (a different table, say)
    Optional<String> table =
        Optional.ofNullable(s.get("heartbeatTable"))
            .or(() -> config.heartbeat().map(HeartbeatSpec::table));
    if (table.isPresent() && !TABLE.matcher(table.get()).matches()) {
      throw new IllegalArgumentException(
          "setting 'heartbeatTable' must be a plain table name or schema.table");
    }
    return new PostgresSettings(
        config.resourceId(),
        sites,
        Optional.ofNullable(s.get("user")),
        duration(s, "connectTimeout", "3s"),
        duration(s, "statementTimeout", "5s"),
        table,
        config.heartbeat().map(HeartbeatSpec::interval),
        SettingsReader.of(s).size("maxSwitchoverLagBytes", "16MiB"),
        duration(s, "promoteTimeout", "60s"),
        duration(s, "catchUpTimeout", "60s"),
        duration(s, "actionTimeout", "120s"),
        s.getOrDefault("drillQuery", "select 1"),
        duration(s, "drillWindow", "2s"),
        Optional.ofNullable(s.get("sslmode")));
  }

  private static SiteSettings site(
      SiteEndpoint endpoint, Map<String, String> flat, String database) {
    Map<String, String> merged = new LinkedHashMap<>(endpoint.settings());
    for (Map.Entry<String, String> e : flat.entrySet()) {
      if (merged.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException(
            "site "
                + endpoint.name()
                + ": '"
                + e.getKey()
                + "' is set both in the site's settings and as site."
                + endpoint.name()
                + "."
                + e.getKey()
                + ": keep one");
      }
    }
    Map<String, String> actions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : merged.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("action.")) {
        String action = key.substring(7);
        if (!ACTIONS.contains(action)) {
          throw new IllegalArgumentException(
              "site "
                  + endpoint.name()
                  + ": unknown host action '"
                  + key
                  + "': known are action."
                  + String.join(", action.", new java.util.TreeSet<>(ACTIONS)));
        }
        if (!e.getValue().isBlank()) {
          actions.put(action, e.getValue());
        }
      } else if (!SITE_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "site "
                + endpoint.name()
                + ": unknown setting '"
                + key
                + "': known are "
                + SITE_KEYS
                + " and action.<name>");
      }
    }
    if (actions.containsKey("clone") != actions.containsKey("discard-clone")) {
      throw new IllegalArgumentException(
          "site "
              + endpoint.name()
              + ": 'action.clone' and 'action.discard-clone' go together (a drill clone must"
              + " always be torn down): set both or neither");
    }
    String host = merged.get("host");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "site " + endpoint.name() + " needs a 'host' setting (name or address of the server)");
    }
    int port;
    try {
      port = Integer.parseInt(merged.getOrDefault("port", "5432").trim());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "site " + endpoint.name() + ": 'port' must be a number from 1 to 65535");
    }
    return new SiteSettings(
        endpoint.name(),
        endpoint.role(),
        host.trim(),
        port,
        merged.getOrDefault("database", database),
        actions);
  }

  private static Duration duration(Map<String, String> s, String key, String fallback) {
    return SettingsReader.of(s).duration(key, fallback);
  }

  SiteSettings site(String name) {
    return sites.stream()
        .filter(x -> x.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no site " + name));
  }

  SiteSettings configuredPrimary() {
    return sites.stream().filter(x -> x.role() == SiteRole.PRIMARY).findFirst().orElseThrow();
  }

  /** The site that is not {@code name}. */
  SiteSettings otherThan(String name) {
    return sites.stream().filter(x -> !x.name().equals(name)).findFirst().orElseThrow();
  }
}

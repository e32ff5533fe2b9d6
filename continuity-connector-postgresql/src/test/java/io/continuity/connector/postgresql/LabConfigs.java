package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Connector configurations for a lab pair: sites named after the nodes, trust authentication. */
final class LabConfigs {

  /** Trust authentication ignores it; the contract checks it never shows. */
  static final String PASSWORD = "lab-Secret-4711";

  private LabConfigs() {}

  /** East is the configured primary, west the DR site; every host action configured. */
  static ConnectorConfig withAllActions(String resourceId, PostgresPair pair, String... settings) {
    return config(resourceId, pair, Set.of("stop", "start", "fence", "rejoin", "rewind"), settings);
  }

  static ConnectorConfig withActions(
      String resourceId, PostgresPair pair, Set<String> actions, String... settings) {
    return config(resourceId, pair, actions, settings);
  }

  static ConnectorConfig withoutActions(String resourceId, PostgresPair pair, String... settings) {
    return config(resourceId, pair, Set.of(), settings);
  }

  /** The same configuration with one site's port replaced (to aim it at a silent socket). */
  static ConnectorConfig withSitePort(ConnectorConfig config, String site, int port) {
    java.util.List<SiteEndpoint> sites =
        config.sites().stream()
            .map(
                e -> {
                  if (!e.name().equals(site)) {
                    return e;
                  }
                  Map<String, String> settings = new LinkedHashMap<>(e.settings());
                  settings.put("port", Integer.toString(port));
                  return new SiteEndpoint(e.name(), e.role(), settings);
                })
            .toList();
    return new ConnectorConfig(
        config.resourceId(),
        config.platform(),
        sites,
        config.settings(),
        config.secrets(),
        config.secretResolver());
  }

  private static ConnectorConfig config(
      String resourceId, PostgresPair pair, Set<String> actions, String... settings) {
    Map<String, String> resource = new HashMap<>();
    resource.put("user", PostgresNode.SUPERUSER);
    resource.put("connectTimeout", "2s");
    resource.put("statementTimeout", "5s");
    for (int i = 0; i < settings.length; i += 2) {
      resource.put(settings[i], settings[i + 1]);
    }
    return new ConnectorConfig(
        resourceId,
        Platform.POSTGRESQL,
        java.util.List.of(
            site(pair, pair.node("east"), SiteRole.PRIMARY, actions),
            site(pair, pair.node("west"), SiteRole.DR, actions)),
        resource,
        Map.of("password", SecretRef.parse("env:LAB_PG_PASSWORD")),
        ref -> PASSWORD);
  }

  private static SiteEndpoint site(
      PostgresPair pair, PostgresNode node, SiteRole role, Set<String> actions) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("host", node.host());
    settings.put("port", Integer.toString(node.port()));
    pair.hostActionSettings(node)
        .forEach(
            (key, command) -> {
              if (actions.contains(key.substring("action.".length()))) {
                settings.put(key, command);
              }
            });
    return new SiteEndpoint(node.name(), role, settings);
  }
}

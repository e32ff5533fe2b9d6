package io.continuity.connector.postgresql;

import io.continuity.connector.api.SiteRole;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach one site: its endpoint and the host-action commands configured for it ({@code
 * action.<name>} settings, keyed here by the action name).
 */
record SiteSettings(
    String name,
    SiteRole role,
    String host,
    int port,
    String database,
    Map<String, String> actions) {

  SiteSettings {
    actions = Map.copyOf(actions);
  }

  Optional<String> action(String action) {
    return Optional.ofNullable(actions.get(action));
  }

  boolean hasAction(String action) {
    return actions.containsKey(action);
  }

  String endpoint() {
    return host + ":" + port + "/" + database;
  }
}

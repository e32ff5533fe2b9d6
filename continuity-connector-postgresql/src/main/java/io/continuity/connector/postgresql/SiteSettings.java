package io.continuity.connector.postgresql;

import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.util.List;
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

  /** The site as the support module's prober sees it: one member, the server itself. */
  SiteEndpoint asEndpoint() {
    return new SiteEndpoint(
        name, role, Map.of(), List.of(new MemberEndpoint(name, host, port, Map.of())));
  }
}

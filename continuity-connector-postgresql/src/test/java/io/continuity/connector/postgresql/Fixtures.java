package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Configurations for unit tests (no server is contacted). */
final class Fixtures {

  static final String PASSWORD = "unit-Secret-42";

  private Fixtures() {}

  static ConnectorConfig config(
      Map<String, String> east, Map<String, String> west, String... settings) {
    Map<String, String> resource = new HashMap<>();
    resource.put("user", "monitor");
    for (int i = 0; i < settings.length; i += 2) {
      resource.put(settings[i], settings[i + 1]);
    }
    return new ConnectorConfig(
        "orders",
        Platform.POSTGRESQL,
        List.of(
            new SiteEndpoint("east", SiteRole.PRIMARY, east),
            new SiteEndpoint("west", SiteRole.DR, west)),
        resource,
        Map.of("password", SecretRef.parse("env:PG_PASSWORD")),
        ref -> PASSWORD);
  }

  static ConnectorConfig config(String... settings) {
    return config(Map.of("host", "pg-east"), Map.of("host", "pg-west"), settings);
  }

  static PostgresSettings settings(ConnectorConfig config) {
    return PostgresSettings.parse(config);
  }
}

package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.testkit.ConnectorContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract with the production factory over TDS to the simulated group. */
class SqlServerWireConnectorContractTest extends ConnectorContract {

  private static WireLab wire;

  @BeforeAll
  static void start() throws Exception {
    wire = new WireLab();
    wire.write(5);
  }

  @AfterAll
  static void stop() throws Exception {
    wire.close();
  }

  @Override
  protected ConnectorFactory factory() {
    return new SqlServerConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return wire.config();
  }

  /** Without the fence host action: FAILOVER is unavailable. */
  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    ConnectorConfig base = wire.config();
    List<SiteEndpoint> sites =
        base.sites().stream()
            .map(
                s -> {
                  Map<String, String> settings = new HashMap<>(s.settings());
                  settings.remove("action.fence");
                  return new SiteEndpoint(s.name(), s.role(), settings, s.members());
                })
            .toList();
    return Optional.of(
        new ConnectorConfig(
            base.resourceId(),
            base.platform(),
            sites,
            base.settings(),
            base.secrets(),
            base.secretResolver()));
  }

  @Override
  protected String configuredSecretValue() {
    return AgLab.PASSWORD;
  }
}

package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.ConnectorContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract against the simulated availability group (a healthy, idle group). */
class SqlServerConnectorContractTest extends ConnectorContract {

  private static AgLab lab;
  private static AgLab unfenced;

  @BeforeAll
  static void start() throws Exception {
    lab = new AgLab();
    lab.write(5);
    unfenced = new AgLab(false);
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
    unfenced.close();
  }

  @Override
  protected ConnectorFactory factory() {
    return lab.factory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return lab.config();
  }

  @Override
  protected String configuredSecretValue() {
    return AgLab.PASSWORD;
  }

  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    return Optional.of(unfenced.config());
  }
}

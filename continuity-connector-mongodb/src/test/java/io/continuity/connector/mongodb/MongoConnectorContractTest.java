package io.continuity.connector.mongodb;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.mongodb.fake.FakeLab;
import io.continuity.connector.testkit.ConnectorContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract, on a fake three-member set driven by the real driver. */
class MongoConnectorContractTest extends ConnectorContract {

  private static FakeLab lab;

  @BeforeAll
  static void startLab() throws Exception {
    lab = new FakeLab();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Override
  protected ConnectorFactory factory() {
    return new MongoConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return lab.config();
  }

  @Override
  protected String configuredSecretValue() {
    return FakeLab.PASSWORD;
  }

  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    ConnectorConfig c = lab.config();
    java.util.Map<String, String> settings = new java.util.HashMap<>(c.settings());
    settings.put("clusterManager", "false");
    return Optional.of(
        new ConnectorConfig(
            c.resourceId(), c.platform(), c.sites(), settings, c.secrets(), c.secretResolver()));
  }
}

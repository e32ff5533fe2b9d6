package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.ConnectorContract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The connector contract against two fake accounts. */
class SnowflakeConnectorContractTest extends ConnectorContract {

  private SnowflakeLab lab;

  private SnowflakeLab lab() {
    if (lab == null) {
      try {
        lab = new SnowflakeLab(Duration.ofMillis(100));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return lab;
  }

  @AfterEach
  void closeLab() {
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }

  @Override
  protected ConnectorFactory factory() {
    return new SnowflakeConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return lab().config();
  }

  @Override
  protected String configuredSecretValue() {
    return SnowflakeLab.PRIVATE_KEY_PEM;
  }

  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    return Optional.of(lab().with("quiesceStatement", null).config());
  }

  @Override
  protected Duration probeTimeout() {
    return Duration.ofSeconds(5);
  }
}

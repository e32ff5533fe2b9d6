package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.ConnectorContract;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector keeps the SPI contract against a real primary + standby. */
class PostgresConnectorContractIT extends ConnectorContract {

  private static PostgresPair pair;

  @BeforeAll
  static void startPair() {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Override
  protected ConnectorFactory factory() {
    return new PostgresConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return LabConfigs.withAllActions("orders-contract", pair, "heartbeatTable", "continuity_hb");
  }

  @Override
  protected String configuredSecretValue() {
    return LabConfigs.PASSWORD;
  }

  @Override
  protected Duration probeTimeout() {
    return Duration.ofSeconds(5);
  }

  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    return Optional.of(LabConfigs.withoutActions("orders-limited", pair));
  }
}

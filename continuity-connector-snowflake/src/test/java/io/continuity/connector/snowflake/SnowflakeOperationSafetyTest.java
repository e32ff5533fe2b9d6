package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;

/** The operation safety contract against two fake accounts. */
class SnowflakeOperationSafetyTest extends OperationSafetyContract {

  @Override
  protected ConnectorFactory factory() {
    return new SnowflakeConnectorFactory();
  }

  @Override
  protected SafetyLab newLab() throws Exception {
    return new SnowflakeLab();
  }
}

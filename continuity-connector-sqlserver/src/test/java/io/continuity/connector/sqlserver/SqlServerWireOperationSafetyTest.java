package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;

/**
 * The operation safety promises with the production factory: Microsoft's mssql-jdbc over TDS to the
 * simulated availability group.
 */
class SqlServerWireOperationSafetyTest extends OperationSafetyContract {

  @Override
  protected ConnectorFactory factory() {
    return new SqlServerConnectorFactory();
  }

  @Override
  protected SafetyLab newLab() throws Exception {
    return new WireLab();
  }
}

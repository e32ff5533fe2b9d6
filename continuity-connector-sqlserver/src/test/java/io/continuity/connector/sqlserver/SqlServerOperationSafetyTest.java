package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;

/** The operation safety promises against a fresh simulated availability group per test. */
class SqlServerOperationSafetyTest extends OperationSafetyContract {

  private AgLab current;

  @Override
  protected ConnectorFactory factory() {
    return current.factory();
  }

  @Override
  protected SafetyLab newLab() throws Exception {
    current = new AgLab();
    return current;
  }
}

package io.continuity.connector.mongodb;

import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.mongodb.fake.FakeLab;
import io.continuity.connector.testkit.OperationSafetyContract;
import io.continuity.connector.testkit.SafetyLab;

/** The safety promises, on a fresh fake set per test. */
class MongoOperationSafetyTest extends OperationSafetyContract {

  @Override
  protected ConnectorFactory factory() {
    return new MongoConnectorFactory();
  }

  @Override
  protected SafetyLab newLab() throws Exception {
    return new FakeLab();
  }
}

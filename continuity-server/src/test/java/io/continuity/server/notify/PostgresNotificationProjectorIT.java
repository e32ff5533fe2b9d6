package io.continuity.server.notify;

import io.continuity.server.support.TestStateStore;

/** The projector contract on the real PostgreSQL (a fresh schema per test). */
class PostgresNotificationProjectorIT extends NotificationProjectorContract {

  @Override
  TestStateStore openStore() {
    return TestStateStore.postgres();
  }
}

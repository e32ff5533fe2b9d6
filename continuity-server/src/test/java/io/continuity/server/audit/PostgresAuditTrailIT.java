package io.continuity.server.audit;

import io.continuity.server.support.TestStateStore;

/** The audit trail contract on the real PostgreSQL (a fresh schema per test). */
class PostgresAuditTrailIT extends AuditTrailContract {

  @Override
  TestStateStore openStore() {
    return TestStateStore.postgres();
  }
}

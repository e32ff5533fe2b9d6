package io.continuity.server.security;

import io.continuity.server.support.TestStateStore;

/** The sign-in throttle contract on the real PostgreSQL (a fresh schema per test). */
class PostgresSignInThrottleIT extends SignInThrottleContract {

  @Override
  TestStateStore openStore() {
    return TestStateStore.postgres();
  }
}

package io.continuity.server.security;

import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The sign-in throttle contract on H2 (a fresh file database per test). */
class H2SignInThrottleIT extends SignInThrottleContract {

  @Override
  TestStateStore openStore() {
    try {
      return TestStateStore.h2(Files.createTempDirectory("continuity-throttle"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

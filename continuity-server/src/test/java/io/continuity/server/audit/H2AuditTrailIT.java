package io.continuity.server.audit;

import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail contract on the embedded H2 file store. */
class H2AuditTrailIT extends AuditTrailContract {

  @TempDir Path dir;

  @Override
  TestStateStore openStore() {
    return TestStateStore.h2(dir);
  }
}

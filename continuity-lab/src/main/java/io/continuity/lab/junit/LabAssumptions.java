package io.continuity.lab.junit;

import io.continuity.lab.PostgresBinaries;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test that needs real servers does when they are missing: it is skipped with a message
 * saying what to install, unless {@code CONTINUITY_REQUIRE_REAL_SERVERS=1} (set by CI), which makes
 * it fail instead so a missing package never passes for green.
 */
public final class LabAssumptions {

  public static final String REQUIRE_REAL_SERVERS = "CONTINUITY_REQUIRE_REAL_SERVERS";

  private LabAssumptions() {}

  /** The machine's PostgreSQL binaries; skips (or fails when required) the test without them. */
  public static PostgresBinaries postgresBinaries() {
    return postgresBinaries(PostgresBinaries.locate(), System.getenv());
  }

  static PostgresBinaries postgresBinaries(
      Optional<PostgresBinaries> found, Map<String, String> environment) {
    if (found.isPresent()) {
      return found.get();
    }
    if (realServersRequired(environment)) {
      throw new IllegalStateException(
          PostgresBinaries.INSTALL_HINT + " (" + REQUIRE_REAL_SERVERS + "=1 makes this a failure)");
    }
    Assumptions.abort(PostgresBinaries.INSTALL_HINT);
    throw new AssertionError("unreachable");
  }

  static boolean realServersRequired(Map<String, String> environment) {
    String value = environment.get(REQUIRE_REAL_SERVERS);
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }
}

package io.continuity.lab.junit;

import io.continuity.lab.PostgresBinaries;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link EnabledIfPostgresBinaries}: disabled with the install hint when the
 * binaries are missing, an error (the test fails) when real servers are required.
 */
public final class PostgresBinariesCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (PostgresBinaries.locate().isPresent()) {
      return ConditionEvaluationResult.enabled("PostgreSQL binaries found");
    }
    if (LabAssumptions.realServersRequired(System.getenv())) {
      throw new IllegalStateException(
          PostgresBinaries.INSTALL_HINT
              + " ("
              + LabAssumptions.REQUIRE_REAL_SERVERS
              + "=1 makes this a failure)");
    }
    return ConditionEvaluationResult.disabled(PostgresBinaries.INSTALL_HINT);
  }
}

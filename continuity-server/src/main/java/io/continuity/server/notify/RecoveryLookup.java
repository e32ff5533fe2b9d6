package io.continuity.server.notify;

import java.util.List;

/**
 * What a FAILED execution's notification says about its recovery (the execution module's {@code
 * RecoveryPlans::notice}): the split or part-way members and the recovery options, one line each;
 * empty when no recovery is needed.
 */
@FunctionalInterface
interface RecoveryLookup {
  List<String> notice(String executionId);
}

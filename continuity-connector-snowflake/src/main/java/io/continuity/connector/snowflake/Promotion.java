package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.snowflake.AccountObservation.GroupRow;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.StandardStepIds;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ALTER FAILOVER GROUP … PRIMARY} under the step's request id. Run on a target that is
 * already primary, it sends the same request id again: Snowflake answers an earlier execution of
 * this run's promotion with its result, and anything else ("already primary" by someone else) is
 * refused.
 */
final class Promotion {

  /** How the promotion went. */
  enum Outcome {
    PROMOTED,
    ALREADY_PROMOTED_BY_THIS_RUN
  }

  private final StepSupport s;

  Promotion(StepSupport support) {
    this.s = support;
  }

  /**
   * Promotes the target.
   *
   * @return the outcome, or empty with {@code refusal[0]} set when Snowflake refused it
   */
  Optional<Outcome> promote(StepContext context, Deadline deadline, String[] refusal)
      throws ConnectorException {
    Account target = s.target(context);
    Optional<GroupRow> row;
    try {
      row = s.accounts.groupRow(target, deadline);
    } catch (SqlApiException e) {
      throw s.toException("reading the group before the promotion", target, e, false);
    }
    if (row.isEmpty()) {
      refusal[0] = target.site() + " does not hold " + s.settings.failoverGroup();
      return Optional.empty();
    }
    boolean already = row.get().isPrimary();
    try {
      s.accounts
          .client(target)
          .run(
              Statements.primary(s.settings.failoverGroup()),
              StepSupport.requestId(context, StandardStepIds.PROMOTE_TARGET, "primary"),
              Map.of(),
              deadline);
      return Optional.of(already ? Outcome.ALREADY_PROMOTED_BY_THIS_RUN : Outcome.PROMOTED);
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        refusal[0] =
            already
                ? target.site()
                    + " is already primary, and not by this run's promotion: "
                    + e.describe()
                : "Snowflake refused the promotion of " + target.site() + ": " + e.describe();
        return Optional.empty();
      }
      throw s.toException("ALTER FAILOVER GROUP … PRIMARY", target, e, true);
    }
  }
}

package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import java.time.Duration;
import java.util.Map;

/**
 * Client Redirect after a promotion ([doc] user-guide/client-redirect; brief §3.4 {@code
 * redirect-clients}): {@code ALTER CONNECTION <c> PRIMARY} in the new primary's account, skipped
 * when {@code SHOW CONNECTIONS} already shows this account's connection as primary.
 */
final class RedirectStep {

  static final String ID = "redirect-clients";

  private final StepSupport s;

  RedirectStep(StepSupport support) {
    this.s = support;
  }

  StepResult redirect(StepContext context, Duration timeout) throws ConnectorException {
    String connection =
        s.settings
            .connection()
            .orElseThrow(
                () -> ConnectorException.notStarted("no connection is configured", false, null));
    Deadline deadline = Deadline.in(timeout);
    Account target = s.target(context);
    try {
      if (alreadyPrimary(target, connection, deadline)) {
        return s.succeeded(
            "connection " + connection + " already points clients at " + target.site(), Map.of());
      }
      s.change(target, Statements.connectionPrimary(connection), context, ID, "primary", deadline);
      if (!alreadyPrimary(target, connection, deadline)) {
        return s.failed(
            "ALTER CONNECTION "
                + connection
                + " PRIMARY ran on "
                + target.site()
                + " but SHOW CONNECTIONS does not show it as primary");
      }
    } catch (SqlApiException e) {
      if (e.kind() == SqlApiException.Kind.FAILED) {
        return s.failed("redirecting connection " + connection + " failed: " + e.describe());
      }
      throw s.toException("ALTER CONNECTION … PRIMARY", target, e, true);
    }
    return s.succeeded(
        "connection " + connection + " now points clients at " + target.site(), Map.of());
  }

  private boolean alreadyPrimary(Account account, String connection, Deadline deadline)
      throws SqlApiException {
    StatementResult result =
        s.accounts.client(account).query(Statements.SHOW_CONNECTIONS, deadline);
    for (StatementResult.Row row : result.rowList()) {
      if (row.text("name").equalsIgnoreCase(connection)
          && SnowflakeAccounts.isOwnRow(account, row)
          && row.bool("is_primary")) {
        return true;
      }
    }
    return false;
  }
}

package io.continuity.connector.snowflake;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.snowflake.SnowflakeSettings.Account;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.HostActionEndpoint;
import io.continuity.connector.support.HostActionRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** What every step handler shares: accounts, settings, request ids and error mapping. */
final class StepSupport {

  static final String QUIESCED_AT = "snowflake.quiescedAtUs";
  static final String SNAPSHOT = "snowflake.snapshotUs";
  static final String SOURCE_SEEN = "snowflake.sourceNowUs";

  final SnowflakeSettings settings;
  final SnowflakeAccounts accounts;
  final PayloadSanitizer sanitizer;
  final HostActionRunner actions;

  StepSupport(
      SnowflakeSettings settings,
      SnowflakeAccounts accounts,
      PayloadSanitizer sanitizer,
      HostActionRunner actions) {
    this.settings = settings;
    this.accounts = accounts;
    this.sanitizer = sanitizer;
    this.actions = actions;
  }

  /**
   * Runs a site's host action ({@code action.quiesce}, {@code action.unquiesce}) under the support
   * module's contract: {@code CONTINUITY_SITE*} naming the account, {@code CONTINUITY_PEER*} the
   * other one, no credentials, the step's timeout.
   */
  HostActionRunner.Outcome hostAction(
      String action, String command, Account site, StepContext context, Duration timeout)
      throws ConnectorException {
    Account peer = settings.otherThan(site.site());
    return actions.run(
        action,
        command,
        new HostActionEndpoint(site.site(), site.host(), site.port()),
        new HostActionEndpoint(peer.site(), peer.host(), peer.port()),
        context.executionId(),
        timeout);
  }

  /**
   * The SQL API request id of one statement of one step of one execution: the same on every run of
   * the step, so Snowflake answers a re-run with the first execution instead of running it twice.
   */
  static UUID requestId(StepContext context, String stepId, String purpose) {
    return UUID.nameUUIDFromBytes(
        ("continuity/" + context.executionId() + "/" + stepId + "/" + purpose)
            .getBytes(StandardCharsets.UTF_8));
  }

  Account target(StepContext context) {
    return settings.account(context.plan().targetSite());
  }

  Account source(StepContext context) {
    return settings.otherThan(context.plan().targetSite());
  }

  StepResult succeeded(String output, Map<String, String> facts) {
    return StepResult.succeeded(sanitizer.sanitizeText(output), facts);
  }

  StepResult failed(String output) {
    return StepResult.failed(sanitizer.sanitizeText(output));
  }

  /** A statement that changes something, run under its request id. */
  StatementResult change(
      Account account,
      String statement,
      StepContext context,
      String stepId,
      String purpose,
      Deadline deadline)
      throws SqlApiException {
    return accounts
        .client(account)
        .run(statement, requestId(context, stepId, purpose), Map.of(), deadline);
  }

  /**
   * Turns an SQL API failure into the step's exception: nothing ran (refused, not sent, not
   * authenticated) is "not started", a lost answer to a changing statement is "outcome unknown".
   */
  ConnectorException toException(String what, Account account, SqlApiException e, boolean changes) {
    String message = sanitizer.sanitizeText(what + " on " + account.site() + ": " + e.describe());
    if (e.kind() == SqlApiException.Kind.NO_ANSWER && changes) {
      return ConnectorException.outcomeUnknown(
          message + " (the statement may have run: look before running anything else)", null);
    }
    boolean retriable =
        e.kind() == SqlApiException.Kind.NOT_SENT
            || e.kind() == SqlApiException.Kind.NO_ANSWER
            || e.kind() == SqlApiException.Kind.REFUSED;
    return ConnectorException.notStarted(message, retriable, null);
  }

  long fact(StepContext context, String key, String producedBy) throws ConnectorException {
    String value =
        context
            .fact(key)
            .orElseThrow(
                () ->
                    ConnectorException.notStarted(
                        "fact " + key + " is missing: run " + producedBy + " first", false, null));
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ConnectorException.notStarted("fact " + key + " is not a number", false, null);
    }
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.support.HostActionEndpoint;
import io.continuity.connector.support.HostActionRunner;
import java.time.Duration;

/**
 * A site's host actions ({@code action.<name>} settings): finds the command the operator configured
 * and runs it with the shared {@link HostActionRunner} under its environment contract (see the
 * module README).
 */
final class HostActions {

  private final HostActionRunner runner;

  HostActions(PostgresSettings settings, PayloadSanitizer sanitizer) {
    this.runner = new HostActionRunner(settings.resourceId(), sanitizer);
  }

  /**
   * Runs {@code action} for {@code site}, with {@code peer} as the other site.
   *
   * @throws ConnectorException retriable when the command did not finish in time (its outcome is
   *     unknown); not retriable when it is not configured or cannot be started
   */
  HostActionRunner.Outcome run(
      String action, SiteSettings site, SiteSettings peer, String executionId, Duration timeout)
      throws ConnectorException {
    String command =
        site.action(action)
            .orElseThrow(
                () ->
                    ConnectorException.permanent(
                        "site " + site.name() + " has no host action 'action." + action + "'"));
    return runner.run(action, command, endpoint(site), endpoint(peer), executionId, timeout);
  }

  private static HostActionEndpoint endpoint(SiteSettings site) {
    return new HostActionEndpoint(site.name(), site.host(), site.port());
  }
}

package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Before a failback's switchover: check the roles and resynchronise the configured primary. */
final class FailbackSteps {

  private final StepSupport support;

  FailbackSteps(StepSupport support) {
    this.support = support;
  }

  StepResult precheck(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation source = support.observe(sites.source());
    SiteObservation target = support.observe(sites.target());
    if (!source.isPrimary()) {
      return support.failed("precheck failed: " + CheckSteps.describe(source, "primary"));
    }
    if (target.isPrimary()) {
      return support.failed(
          "precheck failed: "
              + sites.target().name()
              + " is already primary (and so is "
              + sites.source().name()
              + "?): nothing to fail back");
    }
    return support.succeeded(
        sites.source().name() + " is primary; " + sites.target().name() + " will be resynchronised",
        Map.of(Facts.SOURCE, sites.source().name(), Facts.TARGET, sites.target().name()));
  }

  StepResult resync(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Instant deadline = Instant.now().plus(timeout);
    String action = sites.target().hasAction("rewind") ? "rewind" : "rejoin";
    HostActionRunner.Outcome outcome =
        support.hostActions.run(
            action,
            sites.target(),
            sites.source(),
            context.executionId(),
            StepSupport.limit(support.settings.actionTimeout(), timeout));
    if (!outcome.succeeded()) {
      return support.failed(
          action
              + " action of "
              + sites.target().name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output());
    }
    StepResult streaming = ResyncWait.awaitStreaming(support, sites.target(), deadline);
    if (!streaming.succeeded()) {
      return streaming;
    }
    return support.succeeded(
        sites.target().name()
            + " resynchronised ("
            + action
            + ") and streams from "
            + sites.source().name()
            + "\n"
            + outcome.output(),
        ResyncWait.facts("resynced", sites.target().name(), outcome.output()));
  }
}

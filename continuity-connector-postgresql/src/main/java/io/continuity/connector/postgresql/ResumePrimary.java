package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.util.Map;

/**
 * Puts a quiesced old primary back to taking writes, as a DBA would after a switchover that did not
 * promote: a server left read-only by default gets that default reset; a stopped one is started
 * with its {@code start} host action. Never while the other site is a primary (two must never
 * exist). Used when a switchover fails before its promotion ({@link QuiesceUndo}) and as the {@code
 * resume-primary} step of the recovery plan the engine offers for such a run.
 */
final class ResumePrimary {

  static final String STEP_ID = "resume-primary";

  private final StepSupport support;

  ResumePrimary(StepSupport support) {
    this.support = support;
  }

  /** What was done to make {@code site} writable again (the caller checks the result). */
  String restore(SiteSettings site, SiteSettings peer, String executionId)
      throws ConnectorException {
    SiteObservation seen = support.observe(site);
    if (seen.isPrimary() && !seen.readOnlyByDefault()) {
      return site.name() + " already takes writes";
    }
    if (seen.isPrimary()) {
      return site.name() + " made writable" + ResyncWait.resetReadOnly(support, site);
    }
    if (seen.reachable()) {
      return site.name() + " answers but is a standby: it is not started as a primary again";
    }
    if (!site.hasAction("start")) {
      return site.name() + " has no start host action";
    }
    HostActionRunner.Outcome outcome =
        support.hostActions.run("start", site, peer, executionId, support.settings.actionTimeout());
    return outcome.succeeded()
        ? site.name() + " started (" + outcome.output().strip() + ")"
        : site.name()
            + "'s start action exited with "
            + outcome.exitCode()
            + ": "
            + outcome.output();
  }

  /** The recovery step: the plan's target is the old primary to put back. */
  StepResult step(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation other = support.observe(sites.source());
    if (other.isPrimary()) {
      return support.failed(
          "REFUSED: "
              + sites.source().name()
              + " is a primary: starting "
              + sites.target().name()
              + " as a primary too would make two. Check the roles by hand.");
    }
    String done = restore(sites.target(), sites.source(), context.executionId());
    SiteObservation after = support.observe(sites.target());
    if (after.isPrimary() && !after.readOnlyByDefault()) {
      return support.succeeded(done + "; " + sites.target().name() + " takes writes", Map.of());
    }
    return support.failed(
        done
            + "; "
            + sites.target().name()
            + " does not take writes ("
            + CheckSteps.describe(after, "writable primary")
            + "): start it by hand");
  }
}

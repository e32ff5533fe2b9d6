package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
import java.util.Optional;

/** The topology precheck of one member, from the recorded primary and what monitoring saw. */
final class TopologyCheck {

  private TopologyCheck() {}

  /**
   * The topology check of a member whose recovery starts its old primary again: a stopped primary
   * is what that recovery is for, so no primary observed passes whether the recorded primary site
   * answers read-only or does not answer at all (a quiesce that stopped the server, as PostgreSQL's
   * stop action does); the resume plan itself refuses while another site is primary, then verifies
   * a write and the roles. Any other primary observed, or no probe at all, fails as in {@link #of}.
   */
  static CheckResult forResume(
      String member, String recorded, Optional<EvidenceReader.ObservedPrimary> observed) {
    return fromQuiesce(
        member,
        recorded,
        observed,
        "this recovery starts it again and refuses if another site has become primary");
  }

  /**
   * The same for a roll-forward that finishes the move of a member whose run quiesced its primary:
   * the continuation plan checks again that the old primary takes no writes and the target is still
   * its standby, then waits for the catch-up before any promotion.
   */
  static CheckResult forContinuation(
      String member, String recorded, Optional<EvidenceReader.ObservedPrimary> observed) {
    return fromQuiesce(
        member,
        recorded,
        observed,
        "this recovery finishes the move: the old primary must still take no writes and the"
            + " target must have replayed its final position before any promotion");
  }

  private static CheckResult fromQuiesce(
      String member,
      String recorded,
      Optional<EvidenceReader.ObservedPrimary> observed,
      String what) {
    if (observed.isPresent() && observed.get().site().isEmpty()) {
      boolean down = observed.get().unreachableSites().contains(recorded);
      return CheckResult.pass(
          "primary-known",
          member,
          "no primary is observed and "
              + recorded
              + (down ? " does not answer" : " answers")
              + " (probe at "
              + observed.get().observedAt()
              + "): its writes were stopped by the failed run; "
              + what);
    }
    return of(member, OperationType.SWITCHOVER, recorded, observed);
  }

  /**
   * The primary monitoring observes is the one the inventory records (and the plan and the
   * confirmation token assume): a switch done outside Continuity blocks the start, naming both. A
   * connector that reports no primary fails the check ({@code primary-known}, which policy may let
   * a second approver override), except for a failover whose recorded primary site is unreachable:
   * a lost primary is what a failover is for.
   */
  static CheckResult of(
      String member,
      OperationType type,
      String recorded,
      Optional<EvidenceReader.ObservedPrimary> observed) {
    if (observed.isEmpty()) {
      return CheckResult.fail(
          "primary-known",
          member,
          "no successful probe of "
              + member
              + " says which site is primary (recorded: "
              + recorded
              + "): the roles cannot be checked");
    }
    EvidenceReader.ObservedPrimary seen = observed.get();
    if (seen.site().isEmpty()) {
      if (type == OperationType.FAILOVER && seen.unreachableSites().contains(recorded)) {
        return CheckResult.pass(
            "primary-known",
            member,
            "no primary is observed and the recorded primary site "
                + recorded
                + " is unreachable (probe at "
                + seen.observedAt()
                + "): the failover this request is for");
      }
      return CheckResult.fail(
          "primary-known",
          member,
          "the connector of "
              + member
              + " reports no primary (probe at "
              + seen.observedAt()
              + ", recorded "
              + recorded
              + (seen.unreachableSites().isEmpty()
                  ? ", every site reachable"
                  : ", unreachable " + seen.unreachableSites())
              + "): the roles are unknown; find out why before anything runs");
    }
    String site = seen.site().get();
    return site.equals(recorded)
        ? CheckResult.pass(
            "topology", member, "monitoring observes " + site + " as primary, as recorded")
        : CheckResult.fail(
            "topology",
            member,
            "topology changed: monitoring observes "
                + site
                + " as primary of "
                + member
                + " (probe at "
                + seen.observedAt()
                + ") but the inventory records "
                + recorded
                + ": the roles changed outside Continuity; find out why, reconcile the inventory"
                + " and request again");
  }
}

package io.continuity.core.approval;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The separation-of-duties rules, in one place so each is stated once and tested once.
 *
 * <ul>
 *   <li>Only a person with OPERATOR, ADMIN or BREAK_GLASS requests, presents or confirms an
 *       execution ({@link #OPERATING_ROLES}); a VIEWER or an APPROVER-only person cannot.
 *   <li>Only a person with APPROVER approves or rejects. ADMIN alone does not: administering the
 *       policy and approving under it are different duties. A person holding both roles may.
 *   <li>The requester never approves or rejects their own request.
 *   <li>One person decides once per request, so never counts as two approvals.
 *   <li>The confirmer is not one of the approvers, unless the policy says otherwise. The requester
 *       may confirm: the operator who asked is usually the one at the console.
 *   <li>A break-glass is reviewed by an APPROVER or ADMIN who was not involved: not its invoker,
 *       the requester or the confirmer.
 * </ul>
 *
 * Every check throws {@link SeparationOfDutiesException} naming the rule, and changes nothing.
 */
public final class SeparationOfDuties {

  /** Roles that may request, present and confirm executions. */
  public static final Set<Role> OPERATING_ROLES =
      Collections.unmodifiableSet(EnumSet.of(Role.OPERATOR, Role.ADMIN, Role.BREAK_GLASS));

  /** Roles that may review a break-glass after the incident. */
  public static final Set<Role> REVIEWING_ROLES =
      Collections.unmodifiableSet(EnumSet.of(Role.APPROVER, Role.ADMIN));

  private SeparationOfDuties() {}

  /** The actor must be a person, not the control plane. */
  public static void requirePerson(String requestId, String action, Actor actor) {
    if (actor.isSystem()) {
      throw new SeparationOfDutiesException(
          requestId,
          action,
          actor.id(),
          RefusalRule.PERSON_REQUIRED,
          "cannot " + action + ": " + actor.id() + " is not a person; a signed-in person must");
    }
  }

  /** The actor must be a person holding at least one of these roles. */
  public static void requireAnyRole(String requestId, String action, Actor actor, Set<Role> roles) {
    requirePerson(requestId, action, actor);
    if (!actor.hasAnyRole(roles)) {
      throw new SeparationOfDutiesException(
          requestId,
          action,
          actor.id(),
          RefusalRule.ROLE_REQUIRED,
          "cannot "
              + action
              + ": "
              + actor.id()
              + " needs one of the roles "
              + roles
              + " on request "
              + requestId);
    }
  }

  /** The approver may approve or reject: APPROVER role, not the requester, first decision. */
  public static void checkDecider(
      String requestId, String action, String requesterId, List<Approval> received, Actor actor) {
    requireAnyRole(requestId, action, actor, EnumSet.of(Role.APPROVER));
    if (actor.id().equals(requesterId)) {
      throw new SeparationOfDutiesException(
          requestId,
          action,
          actor.id(),
          RefusalRule.REQUESTER_NEVER_APPROVES,
          "cannot "
              + action
              + ": "
              + actor.id()
              + " requested "
              + requestId
              + " and a requester never approves or rejects their own request;"
              + " ask another approver");
    }
    for (Approval approval : received) {
      if (approval.actor().equals(actor.id())) {
        throw new SeparationOfDutiesException(
            requestId,
            action,
            actor.id(),
            RefusalRule.ONE_DECISION_PER_PERSON,
            "cannot "
                + action
                + ": "
                + actor.id()
                + " already decided on "
                + requestId
                + " and one person never counts twice; ask another approver");
      }
    }
  }

  /** The confirmer may start the run: an operating role and, by default, not an approver. */
  public static void checkConfirmer(
      String requestId, Actor actor, List<Approval> received, boolean confirmerMayBeApprover) {
    requireAnyRole(requestId, "confirmStart", actor, OPERATING_ROLES);
    if (confirmerMayBeApprover) {
      return;
    }
    for (Approval approval : received) {
      if (approval.approved() && approval.actor().equals(actor.id())) {
        throw new SeparationOfDutiesException(
            requestId,
            "confirmStart",
            actor.id(),
            RefusalRule.CONFIRMER_NOT_APPROVER,
            "cannot confirmStart: "
                + actor.id()
                + " approved "
                + requestId
                + " and an approver may not also confirm the start; ask an operator who did not"
                + " approve");
      }
    }
  }

  /** The reviewer of a break-glass: APPROVER or ADMIN, and none of the people involved. */
  public static void checkReviewer(String requestId, Actor actor, Set<String> involved) {
    requireAnyRole(requestId, "reviewPostIncident", actor, REVIEWING_ROLES);
    if (involved.contains(actor.id())) {
      throw new SeparationOfDutiesException(
          requestId,
          "reviewPostIncident",
          actor.id(),
          RefusalRule.REVIEWER_MUST_BE_UNINVOLVED,
          "cannot reviewPostIncident: "
              + actor.id()
              + " invoked, requested or confirmed "
              + requestId
              + "; a break-glass is reviewed by someone who was not involved");
    }
  }
}

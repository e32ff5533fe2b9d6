package io.continuity.server.notify;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.security.DirectoryUser;
import io.continuity.server.security.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who hears about an audit event (detailed design §6: precheck failures and overrides notify the
 * approvers, execution failures notify). Recipients are user names, each once, in a stable order;
 * the actor of the event is never told about their own action.
 *
 * <ul>
 *   <li>{@code REQUEST_CREATED} waiting for approval: every APPROVER.
 *   <li>{@code CONFIRMATION_REFUSED} by failed prechecks: the approvers and the requester.
 *   <li>{@code PRECHECK_OVERRIDDEN}: the approvers and the requester; every APPROVER when nobody
 *       approved (break-glass).
 *   <li>{@code BREAK_GLASS_INVOKED}: every APPROVER and ADMIN.
 *   <li>{@code EXECUTION_FAILED}, {@code EXECUTION_SUCCEEDED}: the requester, the approvers and
 *       whoever confirmed the start.
 *   <li>{@code REQUEST_EXPIRED}, {@code APPROVAL_DENIED} (a rejection): the requester.
 *   <li>{@code EXECUTION_WINDOW_OPENED} (decision 029): the requester (a person, not the drill
 *       schedule) and every OPERATOR, who may confirm the start.
 *   <li>{@code READINESS_ALERT}, {@code READINESS_RESOLVED} (a resource of an alerting tier lost
 *       visibility, turned RED or lost its marker, or recovered; or a resource is due for a drill
 *       under the drill policy): every OPERATOR, who is on call, and the user the alert's {@code
 *       owner} names (user name or e-mail), if any.
 *   <li>{@code SIGN_IN_THROTTLED} (someone kept guessing a user's password from one address): every
 *       ADMIN.
 * </ul>
 */
final class RecipientRules {

  private final UserDirectory directory;

  RecipientRules(UserDirectory directory) {
    this.directory = directory;
  }

  /**
   * The user names to notify of the event; empty when it notifies nobody. {@code parties} is the
   * event's execution request, when it has one and it was found.
   */
  List<String> recipients(AuditRecord event, Optional<RequestParties> parties) {
    if (!NotifiedEvents.notifies(event.type(), event.details())) {
      return List.of();
    }
    Set<String> to = new LinkedHashSet<>();
    switch (event.type()) {
      case NotifiedEvents.REQUEST_CREATED:
        to.addAll(holding(Role.APPROVER));
        break;
      case NotifiedEvents.CONFIRMATION_REFUSED:
        parties.ifPresent(p -> to.addAll(approversAndRequester(p)));
        break;
      case NotifiedEvents.PRECHECK_OVERRIDDEN:
        if (parties.isEmpty() || parties.get().approvers().isEmpty()) {
          to.addAll(holding(Role.APPROVER));
        }
        parties.ifPresent(p -> to.addAll(approversAndRequester(p)));
        break;
      case NotifiedEvents.BREAK_GLASS_INVOKED:
        to.addAll(holding(Role.APPROVER));
        to.addAll(holding(Role.ADMIN));
        break;
      case NotifiedEvents.EXECUTION_FAILED:
      case NotifiedEvents.EXECUTION_SUCCEEDED:
        parties.ifPresent(
            p -> {
              to.addAll(approversAndRequester(p));
              p.confirmer().ifPresent(to::add);
            });
        break;
      case NotifiedEvents.REQUEST_EXPIRED:
      case NotifiedEvents.APPROVAL_DENIED:
        parties.ifPresent(p -> to.add(p.requester()));
        break;
      case NotifiedEvents.EXECUTION_WINDOW_OPENED:
        parties
            .map(RequestParties::requester)
            .filter(requester -> !requester.startsWith(Actor.SYSTEM_PREFIX))
            .ifPresent(to::add);
        to.addAll(holding(Role.OPERATOR));
        break;
      case NotifiedEvents.READINESS_ALERT:
      case NotifiedEvents.READINESS_RESOLVED:
        to.addAll(holding(Role.OPERATOR));
        owner(event.details().get("owner")).ifPresent(to::add);
        break;
      case NotifiedEvents.SIGN_IN_THROTTLED:
        to.addAll(holding(Role.ADMIN));
        break;
      default:
        break;
    }
    to.remove(event.actor());
    return new ArrayList<>(to);
  }

  /**
   * The user a resource's owner names (a drill-policy alert records it): the one whose user name or
   * e-mail address it is.
   */
  private Optional<String> owner(String owner) {
    if (owner == null || owner.isBlank()) {
      return Optional.empty();
    }
    return directory.users().stream()
        .filter(
            u ->
                u.username().equalsIgnoreCase(owner)
                    || u.email().map(owner::equalsIgnoreCase).orElse(false))
        .map(DirectoryUser::username)
        .findFirst();
  }

  private List<String> holding(Role role) {
    return directory.withRole(role).stream().map(DirectoryUser::username).toList();
  }

  private static List<String> approversAndRequester(RequestParties parties) {
    List<String> people = new ArrayList<>(parties.approvers());
    people.add(parties.requester());
    return people;
  }
}

package io.continuity.server.web.ui;

import io.continuity.core.approval.Approval;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.SeparationOfDuties;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.util.Optional;

/**
 * What the signed-in person may do on one request, and in words why not where the console hides a
 * button (separation of duties made visible). The services judge again on every command.
 *
 * @param decisionNote why this person sees no approve/reject buttons, or their own decision once
 *     approvals are no longer awaited ("" when they may decide)
 */
public record RequestActions(
    boolean decide,
    String decisionNote,
    boolean cancel,
    boolean breakGlass,
    boolean confirm,
    String confirmNote) {

  static RequestActions of(ExecutionRequestSnapshot request, Actor me) {
    ExecutionState state = request.state();
    boolean pending = state == ExecutionState.PENDING_APPROVAL;
    String decisionNote = "";
    boolean decide = false;
    Optional<Approval> mine =
        request.approvals().stream().filter(a -> a.actor().equals(me.id())).findFirst();
    if (!pending && mine.isPresent()) {
      decisionNote =
          "You "
              + (mine.get().approved() ? "approved" : "rejected")
              + " this request at "
              + mine.get().at()
              + ".";
    }
    if (pending) {
      if (request.createdBy().equals(me.id())) {
        decisionNote = "You requested this; someone else must approve.";
      } else if (mine.isPresent()) {
        decisionNote =
            "You already "
                + (mine.get().approved() ? "approved" : "rejected")
                + " this request at "
                + mine.get().at()
                + "; one person counts once.";
      } else if (!me.hasRole(Role.APPROVER)) {
        decisionNote = "Approving needs the APPROVER role; you are " + me.roles() + ".";
      } else {
        try {
          SeparationOfDuties.checkDecider(
              request.id(), "approve", request.createdBy(), request.approvals(), me);
          decide = true;
        } catch (CommandRefusedException refused) {
          decisionNote = refused.getMessage();
        }
      }
    }
    boolean beforeRun =
        pending || state == ExecutionState.APPROVED || state == ExecutionState.READY_TO_START;
    boolean cancel = beforeRun && (request.createdBy().equals(me.id()) || me.hasRole(Role.ADMIN));
    boolean breakGlass = pending && me.hasRole(Role.BREAK_GLASS);
    boolean readyToConfirm =
        state == ExecutionState.APPROVED || state == ExecutionState.READY_TO_START;
    boolean operating = me.hasAnyRole(SeparationOfDuties.OPERATING_ROLES);
    String confirmNote = "";
    if (readyToConfirm && !operating) {
      confirmNote =
          "Starting needs an operating role (" + SeparationOfDuties.OPERATING_ROLES + ").";
    }
    return new RequestActions(
        decide, decisionNote, cancel, breakGlass, readyToConfirm && operating, confirmNote);
  }
}

package io.continuity.core.execution;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.audit.AttemptDenied;
import io.continuity.core.audit.ExecutionSubject;
import java.time.Instant;

/**
 * Builds the {@link AttemptDenied} audit event for a refused command, so the server can record
 * denied attempts (role and separation-of-duties violations above all) beside the accepted ones.
 * The aggregate itself never records them: a refused command changes nothing.
 */
public final class DeniedAttempts {

  private DeniedAttempts() {}

  /** A command refused on an existing request (including a refused retry of it). */
  public static AttemptDenied of(
      ExecutionRequestSnapshot request, CommandRefusedException refusal, Instant at) {
    return event(request.subject(), refusal, at);
  }

  /** A refused creation: the subject is the draft that was not accepted. */
  public static AttemptDenied of(
      ExecutionDraft draft, CommandRefusedException refusal, Instant at) {
    return event(
        ExecutionRequestSnapshot.subjectOf(draft.id(), draft.scope(), draft.changeTicket()),
        refusal,
        at);
  }

  private static AttemptDenied event(
      ExecutionSubject subject, CommandRefusedException refusal, Instant at) {
    return new AttemptDenied(
        subject,
        refusal.actorId(),
        at,
        refusal.getMessage(),
        refusal.action(),
        refusal.rule().name());
  }
}

package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.identity.Actor;

/**
 * Records what an approver saw when approving, in the approval's own transaction: asked before the
 * approval (outside any transaction), it returns the write to run with it.
 */
@FunctionalInterface
interface ApprovalWitness {

  /** A witness that records nothing (stores used without the engine). */
  ApprovalWitness NONE = (request, approver) -> () -> {};

  Runnable witness(ExecutionRequestSnapshot request, Actor approver);
}

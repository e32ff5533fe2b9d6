package io.continuity.server.execution;

import java.util.List;

/**
 * The recovery of a FAILED execution (decision 021): each member's state now and the recovery plans
 * that apply.
 *
 * @param recoveryNeeded the run left a member part-way or moved some members and not others, and no
 *     recovery has succeeded since
 * @param why why a recovery is needed, or why none is offered
 * @param groupSummary the roles in one sentence ({@code split: ...} when the group is split)
 */
public record RecoveryView(
    String executionId,
    String state,
    String type,
    String scope,
    boolean recoveryNeeded,
    String why,
    String groupSummary,
    List<MemberState> members,
    List<OptionView> options,
    List<LinkedRecovery> recoveries) {

  /**
   * One member now.
   *
   * @param progress how far the failed run got with it (COMPLETED, NOT_STARTED, FAILED)
   * @param primaryBefore the primary before the failed run
   * @param target where the failed run meant to move it
   * @param primaryRecorded the primary the inventory records now
   * @param primaryObserved the primary the latest probe saw (null: none seen, or no probe)
   * @param primaryTakesWrites true when the latest probe saw the resource healthy; false when it
   *     saw it otherwise (for example a quiesced primary); null without a probe
   * @param observed what the latest probe said of the primary site, and its health
   * @param statement the evidence report's statement about the member
   */
  public record MemberState(
      String resourceId,
      String progress,
      String primaryBefore,
      String target,
      String primaryRecorded,
      String primaryObserved,
      Boolean primaryTakesWrites,
      String observed,
      String statement) {}

  /**
   * One recovery plan.
   *
   * @param option {@code roll-back} or {@code roll-forward}
   * @param available whether the connectors can plan it now ({@code unavailableReason} says why
   *     not)
   * @param approvalsRequired 0 for a roll-back (a person's confirmation is enough)
   * @param actions what it does to each member, in the order it runs
   */
  public record OptionView(
      String option,
      boolean available,
      int approvalsRequired,
      String needs,
      List<String> actions,
      String unavailableReason) {}

  /** A recovery request created for this execution, and where it is. */
  public record LinkedRecovery(String executionId, String option, String state) {}
}

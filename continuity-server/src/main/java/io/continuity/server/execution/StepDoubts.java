package io.continuity.server.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which steps of a run ended in an unknown state: for each step of each member, an attempt that
 * ended TIMED_OUT (cancelled at its timeout), INTERRUPTED (in flight when its runner stopped) or
 * FAILED because the connector call broke off rather than reporting a result ({@link
 * #UNKNOWN_OUTCOME}). Only a later attempt that succeeded (a resumed run) settles the step: a later
 * attempt that failed without changing anything (say, its target did not answer) says nothing of
 * what the earlier one did. A step the connector reported as failed is a known failure, not a
 * doubt.
 */
final class StepDoubts {

  /** How {@link StepInvoker} begins the output of a step whose connector call broke off. */
  static final String UNKNOWN_OUTCOME = "step could not run or its outcome is unknown: ";

  private StepDoubts() {}

  /** One step of one member whose last attempt left its outcome unknown. */
  record DoubtfulStep(String resourceId, String stepId, StepLogOutcome outcome, String output) {}

  /** The doubtful steps of {@code memberResourceId} (every member when null), in log order. */
  static List<DoubtfulStep> in(List<StepRecord> log, String memberResourceId) {
    Map<String, StepRecord> doubtful = new LinkedHashMap<>();
    for (StepRecord record : log) {
      if (memberResourceId != null && !record.memberResourceId().equals(memberResourceId)) {
        continue;
      }
      String key = record.memberResourceId() + "/" + record.stepId();
      if (unknown(record)) {
        doubtful.put(key, record);
      } else if (record.outcome() == StepLogOutcome.SUCCEEDED) {
        doubtful.remove(key);
      }
    }
    List<DoubtfulStep> doubts = new ArrayList<>();
    for (StepRecord record : doubtful.values()) {
      doubts.add(
          new DoubtfulStep(
              record.memberResourceId(), record.stepId(), record.outcome(), record.output()));
    }
    return doubts;
  }

  static boolean unknown(StepRecord record) {
    switch (record.outcome()) {
      case TIMED_OUT:
      case INTERRUPTED:
      case STARTED:
        return true;
      case FAILED:
        return record.output().startsWith(UNKNOWN_OUTCOME);
      default:
        return false;
    }
  }
}

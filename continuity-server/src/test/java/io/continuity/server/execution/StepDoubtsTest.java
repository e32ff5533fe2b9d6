package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which steps a run left in an unknown state, from its durable step log. */
class StepDoubtsTest {

  static int seq;

  static StepRecord step(String member, String stepId, StepLogOutcome outcome, String output) {
    seq++;
    return new StepRecord(
        "EX-1",
        seq,
        stepId,
        member,
        seq,
        Instant.EPOCH,
        Instant.EPOCH,
        outcome,
        output,
        Map.of(),
        1,
        1);
  }

  @Test
  void timedOutAndInterruptedStepsAreInDoubt() {
    List<StepRecord> log =
        List.of(
            step("db", "quiesce", StepLogOutcome.SUCCEEDED, "ok"),
            step("db", "promote-target", StepLogOutcome.INTERRUPTED, "runner lost"),
            step("other", "promote-target", StepLogOutcome.TIMED_OUT, "no answer"));

    assertThat(StepDoubts.in(log, null))
        .extracting(StepDoubts.DoubtfulStep::resourceId, StepDoubts.DoubtfulStep::stepId)
        .containsExactly(tuple("db", "promote-target"), tuple("other", "promote-target"));
    assertThat(StepDoubts.in(log, "db")).hasSize(1);
  }

  @Test
  void aStepTheConnectorReportedFailedIsAKnownFailureButOneThatBrokeOffIsNot() {
    StepRecord reported = step("db", "fence", StepLogOutcome.FAILED, "fencing refused by host");
    StepRecord brokeOff =
        step("db", "promote-target", StepLogOutcome.FAILED, StepDoubts.UNKNOWN_OUTCOME + "closed");

    assertThat(StepDoubts.unknown(reported)).isFalse();
    assertThat(StepDoubts.unknown(brokeOff)).isTrue();
  }

  @Test
  void aLaterSuccessfulAttemptSettlesTheStep() {
    List<StepRecord> log =
        List.of(
            step("db", "wait-for-catch-up", StepLogOutcome.INTERRUPTED, "runner lost"),
            step("db", "wait-for-catch-up", StepLogOutcome.SUCCEEDED, "caught up"),
            step("db", "promote-target", StepLogOutcome.FAILED, "target refused promotion"));

    assertThat(StepDoubts.in(log, "db")).isEmpty();
  }

  @Test
  void aLaterAttemptThatChangedNothingDoesNotSettleAnEarlierUnknownOne() {
    List<StepRecord> log =
        List.of(
            step("db", "promote-target", StepLogOutcome.INTERRUPTED, "runner lost mid-promote"),
            step(
                "db",
                "promote-target",
                StepLogOutcome.FAILED,
                "step did not run (nothing changed): target did not answer"));

    assertThat(StepDoubts.in(log, "db"))
        .singleElement()
        .extracting(StepDoubts.DoubtfulStep::outcome)
        .isEqualTo(StepLogOutcome.INTERRUPTED);
  }
}

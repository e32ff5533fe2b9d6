package io.continuity.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A group member's step events have the types and detail keys of a resource run's, and more. */
class MemberStepEventsTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
  private final MemberStepEvents events =
      new MemberStepEvents("EX-1", "g-shop", Optional.of("CHG-7"), "continuity-engine");
  private final MemberStepEvents.Step step =
      new MemberStepEvents.Step("g-db", "precheck-replication", 3, 1);
  private final ExecutionSubject groupSubject =
      new ExecutionSubject("EX-1", Optional.empty(), Optional.of("g-shop"), Optional.of("CHG-7"));

  @Test
  void aMemberPrecheckResultCarriesTheResourceRunsDetailsPlusItsStepLogRow() {
    GenericAuditEvent member = events.checkResult(step, AT, false, true, "streams");
    PrecheckResult resourceRun =
        new PrecheckResult(
            groupSubject, "continuity-engine", AT, "streams", "precheck-replication", true);

    assertThat(member.type()).isEqualTo(resourceRun.type());
    assertThat(member.details()).containsAllEntriesOf(resourceRun.details());
    assertThat(member.details())
        .containsEntry("stepId", "precheck-replication")
        .containsEntry("seq", "3")
        .containsEntry("attempt", "1");
    assertThat(member.resourceId()).contains("g-db");
    assertThat(member.executionId()).contains("EX-1");
    assertThat(member.changeTicket()).contains("CHG-7");
  }

  @Test
  void startedAndFinishedUseTheResourceRunsTypes() {
    assertThat(events.started(step, AT).type()).isEqualTo("STEP_STARTED");
    GenericAuditEvent failed = events.finished(step, AT, false, "TIMED_OUT", "no answer");
    assertThat(failed.type()).isEqualTo("STEP_FAILED");
    assertThat(failed.details()).containsEntry("outcome", "TIMED_OUT");
    assertThat(failed.reason()).isEqualTo("no answer");
    assertThat(events.finished(step, AT, true, "SUCCEEDED", "ok").type())
        .isEqualTo("STEP_COMPLETED");
  }
}

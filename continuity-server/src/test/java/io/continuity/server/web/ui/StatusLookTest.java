package io.continuity.server.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.status.EvidenceSource;
import io.continuity.core.status.Freshness;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Headlines: a lost resource says VISIBILITY LOST in its colour; a RED group stays RED. */
class StatusLookTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private static StatusOutcome lost(Status status) {
    return new StatusOutcome(
        "x",
        status,
        List.of(
            Reason.of(ReasonCode.VISIBILITY_LOST, status, EvidenceSource.values()[0], "no answer")),
        Freshness.missing(),
        Visibility.LOST,
        Optional.of(Status.GREEN),
        Optional.of(AT),
        Optional.of(AT),
        AT);
  }

  @Test
  void aLostResourceReadsVisibilityLostInItsStatusColourNeverGreen() {
    StatusLook look = StatusLook.of(lost(Status.YELLOW));

    assertThat(look.word()).isEqualTo("VISIBILITY LOST");
    assertThat(look.css()).isEqualTo("status-yellow status-lost").doesNotContain("green");
  }

  @Test
  void aRedGroupWithALostMemberStaysRed() {
    StatusLook look = StatusLook.ofGroup(lost(Status.RED));

    assertThat(look.word()).isEqualTo("RED");
    assertThat(look.css()).contains("status-red");
  }

  @Test
  void aYellowGroupWithALostMemberSaysVisibilityLost() {
    assertThat(StatusLook.ofGroup(lost(Status.YELLOW)).word()).isEqualTo("VISIBILITY LOST");
  }
}
